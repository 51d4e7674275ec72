package dev.gantry.workflow;

import dev.gantry.GantryException;

/**
 * An instance tried to change an execution that is already terminal (another instance recovered and
 * finished it while this one was cut off): the change is dropped, the terminal record stays.
 */
public class LateWriteException extends GantryException {
  public LateWriteException(String message) {
    super(message);
  }
}
