package dev.gantry.api;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A batch started by {@code executeWorkflowsForProjectAsync}: follow it, wait for it, cancel it.
 */
public interface BatchHandle {
  String batchId();

  /** The counters now (the event of the latest change). */
  BatchProgress progress();

  boolean isDone();

  /** Waits until every task of the batch ended and returns the result. */
  BatchResult await(Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * Cancels the batch: running executions are cancelled, tasks not started end {@code skipped}.
   * Throws {@link dev.gantry.GantryException} if the batch already finished.
   */
  void cancel();
}
