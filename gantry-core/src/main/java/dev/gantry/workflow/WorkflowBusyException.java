package dev.gantry.workflow;

import dev.gantry.GantryException;

/** The workflow has an execution that has not finished, so it cannot be deleted now. */
public class WorkflowBusyException extends GantryException {
  public WorkflowBusyException(String message) {
    super(message);
  }
}
