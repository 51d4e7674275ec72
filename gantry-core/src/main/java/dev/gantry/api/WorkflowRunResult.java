package dev.gantry.api;

import java.util.Map;

/**
 * What {@code executeTaskWorkflow} returns. A failed run is a result with {@code success=false} and
 * an {@code error}, not an exception.
 *
 * @param result the normalised result of the workflow type (see {@code ResultSchema})
 * @param status the execution's final state: completed, failed, timed_out or cancelled
 * @param cached true when the result came from the workflow cache: nothing ran, and {@code
 *     executionId} is the earlier execution that produced it
 */
public record WorkflowRunResult(
    boolean success,
    Map<String, Object> result,
    String error,
    String workflowId,
    String executionId,
    String status,
    boolean cached) {
  /** A result of an execution that ran (not from the cache). */
  public WorkflowRunResult(
      boolean success,
      Map<String, Object> result,
      String error,
      String workflowId,
      String executionId,
      String status) {
    this(success, result, error, workflowId, executionId, status, false);
  }
}
