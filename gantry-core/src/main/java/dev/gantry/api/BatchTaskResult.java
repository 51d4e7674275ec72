package dev.gantry.api;

import java.time.Instant;

/**
 * What a batch did with one task.
 *
 * @param reason why it failed, was blocked or skipped ({@code null} when completed)
 * @param workflowId the workflow that ran, or {@code null} when nothing ran
 * @param executionId the execution that ran (or, when {@code cached}, the earlier one whose result
 *     was reused), or {@code null}
 * @param status the execution's final state ({@code completed}, {@code failed}, {@code timed_out},
 *     {@code cancelled}), or {@code null} when nothing ran
 */
public record BatchTaskResult(
    String taskId,
    String taskName,
    BatchOutcome outcome,
    String reason,
    String workflowId,
    String executionId,
    String status,
    boolean cached,
    Instant startedAt,
    Instant finishedAt) {

  /** A task that did not run. */
  public static BatchTaskResult notRun(
      String taskId, String taskName, BatchOutcome outcome, String reason, Instant now) {
    return new BatchTaskResult(
        taskId, taskName, outcome, reason, null, null, null, false, null, now);
  }
}
