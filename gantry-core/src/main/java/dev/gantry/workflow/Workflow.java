package dev.gantry.workflow;

import dev.gantry.internal.Maps;
import dev.gantry.task.TaskId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline bound to a task ({@code createWorkflowFromTask}). Its state follows its latest
 * execution.
 */
public record Workflow(
    WorkflowId id,
    String name,
    TaskId taskId,
    Map<String, Object> inputs,
    WorkflowState state,
    ExecutionId lastExecutionId,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Workflow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    name = name == null || name.isBlank() ? "workflow " + id : name;
    inputs = Maps.copy(inputs);
    state = state == null ? WorkflowState.CREATED : state;
  }

  public Workflow withState(WorkflowState next, ExecutionId execution, Instant now) {
    return new Workflow(id, name, taskId, inputs, next, execution, createdAt, now, version);
  }

  public Workflow withVersion(long newVersion, Instant now) {
    return new Workflow(
        id, name, taskId, inputs, state, lastExecutionId, createdAt, now, newVersion);
  }
}
