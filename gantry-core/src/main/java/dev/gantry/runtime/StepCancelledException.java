package dev.gantry.runtime;

import dev.gantry.GantryException;

/** The step was cancelled (its thread interrupted); its container was stopped and removed. */
public class StepCancelledException extends GantryException {
  public StepCancelledException(String message) {
    super(message);
  }
}
