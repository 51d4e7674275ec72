package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for a run started by {@code executeTaskWorkflow} and gives its result. */
public final class RunResults {
  private RunResults() {}

  /**
   * The result of the run behind {@code handle}: at once for a workflow-cache hit, else when the
   * execution ends. An interrupt while waiting cancels it.
   */
  public static WorkflowRunResult await(ExecutionHandle handle) {
    if (handle instanceof CachedRun hit) {
      return hit.runResult();
    }
    Execution done;
    try {
      done = handle.await(Duration.ofDays(365));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.cancel();
      throw new GantryException("interrupted while waiting for execution " + handle.executionId());
    } catch (TimeoutException e) {
      throw new GantryException("execution " + handle.executionId() + " did not finish", e);
    }
    return ApiViews.runResult(done);
  }
}
