package dev.gantry.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code executeWorkflowsForProject} returns: one result per selected task, in the order they
 * were planned (each after its dependencies).
 *
 * @param cancelled true when the batch was cancelled before every task ended
 */
public record BatchResult(
    String batchId,
    String projectId,
    String phaseId,
    String status,
    int concurrency,
    boolean cancelled,
    Instant startedAt,
    Instant finishedAt,
    List<BatchTaskResult> tasks) {
  public BatchResult {
    tasks = List.copyOf(tasks);
  }

  /** How many tasks ended with each outcome (every outcome present, zero included). */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (BatchOutcome o : BatchOutcome.values()) {
      counts.put(o.wireName(), 0);
    }
    tasks.forEach(t -> counts.merge(t.outcome().wireName(), 1, Integer::sum));
    return counts;
  }

  /** True when no task failed, was blocked or cancelled and the batch was not cancelled. */
  public boolean success() {
    return !cancelled
        && tasks.stream()
            .allMatch(
                t -> t.outcome() == BatchOutcome.COMPLETED || t.outcome() == BatchOutcome.SKIPPED);
  }

  /** The result of {@code taskId}, or {@code null} if it was not in the batch. */
  public BatchTaskResult task(String taskId) {
    return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst().orElse(null);
  }
}
