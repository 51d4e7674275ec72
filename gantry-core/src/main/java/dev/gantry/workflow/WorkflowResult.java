package dev.gantry.workflow;

import dev.gantry.internal.Maps;
import dev.gantry.task.TaskId;
import java.time.Instant;
import java.util.Map;

/** The normalised, validated result of one execution, as stored by the result processor. */
public record WorkflowResult(
    ExecutionId executionId,
    WorkflowId workflowId,
    TaskId taskId,
    String workflowType,
    boolean success,
    Map<String, Object> result,
    Instant storedAt) {
  public WorkflowResult {
    result = Maps.copy(result);
  }
}
