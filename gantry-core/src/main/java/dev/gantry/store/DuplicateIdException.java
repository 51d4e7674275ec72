package dev.gantry.store;

import dev.gantry.GantryException;

/** A record was inserted with an id that is already taken. */
public class DuplicateIdException extends GantryException {
  public DuplicateIdException(String kind, String id) {
    super(kind + " '" + id + "' already exists");
  }
}
