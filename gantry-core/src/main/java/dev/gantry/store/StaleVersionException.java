package dev.gantry.store;

import dev.gantry.GantryException;

/**
 * An update was based on an old version of a record: someone else changed it first. Re-read the
 * record and apply the change again.
 */
public class StaleVersionException extends GantryException {
  public StaleVersionException(String kind, String id, long expected) {
    super(
        kind
            + " '"
            + id
            + "' was changed by someone else (expected version "
            + expected
            + "); re-read it and try again");
  }
}
