package dev.gantry.runtime;

import dev.gantry.GantryException;

/** The container engine cannot be reached. Retryable. */
public class RuntimeUnavailableException extends GantryException {
  public RuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
