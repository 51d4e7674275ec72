package dev.gantry.api;

import java.util.List;

/**
 * What {@code deleteWorkflow} removed.
 *
 * @param executions how many of its executions were deleted with it
 * @param cancelled the ids of the executions cancelled first
 * @param containers how many of its managed containers were deleted (0 unless asked for)
 */
public record WorkflowDeletion(
    String workflowId, int executions, List<String> cancelled, int containers) {
  public WorkflowDeletion {
    cancelled = List.copyOf(cancelled);
  }
}
