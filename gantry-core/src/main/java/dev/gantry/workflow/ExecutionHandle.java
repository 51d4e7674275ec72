package dev.gantry.workflow;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A running (or finished) execution started without blocking. */
public interface ExecutionHandle {
  ExecutionId executionId();

  WorkflowId workflowId();

  /** The execution's current state, read from the store. */
  WorkflowState state();

  /** Waits until the execution is terminal and returns its final record. */
  Execution await(Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * Cancels the execution: running containers are stopped, pending steps cancelled. Throws {@link
   * IllegalStateTransitionException} if it already finished.
   */
  void cancel();

  /**
   * True when no new execution was started because the workflow cache held a result: the handle is
   * that of the execution which produced it, already completed.
   */
  default boolean cached() {
    return false;
  }
}
