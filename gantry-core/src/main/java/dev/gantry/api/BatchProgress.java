package dev.gantry.api;

/**
 * A progress event of a batch: a task started or ended, with the batch's counters after it.
 *
 * @param event {@code started} or the task's outcome ({@code completed}, {@code failed}, {@code
 *     blocked}, {@code skipped}, {@code cancelled})
 * @param result the task's result when it ended, {@code null} for {@code started}
 * @param finished tasks that ended (any outcome)
 */
public record BatchProgress(
    String batchId,
    String event,
    String taskId,
    BatchTaskResult result,
    int total,
    int finished,
    int running,
    int completed,
    int failed,
    int blocked,
    int skipped,
    int cancelled) {

  /** Percentage of tasks that ended, 0–100. */
  public int percent() {
    return total == 0 ? 100 : finished * 100 / total;
  }
}
