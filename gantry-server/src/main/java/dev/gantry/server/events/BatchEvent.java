package dev.gantry.server.events;

import dev.gantry.api.BatchTaskResult;
import java.util.Map;

/**
 * A batch's progress on the event stream ({@code event: batch}). {@code type} is {@code started}
 * (the batch), {@code task_started}, {@code task_ended} (with the task's {@code result}) or {@code
 * finished} (with the batch's final {@code status}: completed, failed or cancelled). Every event
 * carries the counters after it. Batch events are not stored: they have no SSE id and are not
 * replayed after a reconnect.
 */
public record BatchEvent(
    String type,
    String batchId,
    String projectId,
    String taskId,
    String status,
    BatchTaskResult result,
    int total,
    int finished,
    int running,
    int percent,
    Map<String, Integer> counts,
    String at) {

  /** The workflow the event's task ran, or null. */
  public String workflowId() {
    return result == null ? null : result.workflowId();
  }
}
