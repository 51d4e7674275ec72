package dev.gantry.workflow;

import dev.gantry.internal.Maps;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.task.TaskId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a workflow: its state, the pipeline it runs, a record per step, its result and
 * timings. Parameters are stored with secrets redacted.
 */
public record Execution(
    ExecutionId id,
    WorkflowId workflowId,
    TaskId taskId,
    String workflowType,
    WorkflowState state,
    Map<String, Object> params,
    PipelineSpec pipeline,
    List<StepRun> steps,
    Map<String, Object> result,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long version) {
  public Execution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(taskId, "taskId");
    state = state == null ? WorkflowState.CREATED : state;
    params = Maps.copy(params);
    steps = Maps.list(steps);
    result = result == null ? null : Maps.copy(result);
  }

  /** The step record named {@code name}. */
  public StepRun step(String name) {
    for (StepRun s : steps) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no step '" + name + "' in execution " + id);
  }

  /** Step records by name, in pipeline order. */
  public Map<String, StepRun> stepsByName() {
    Map<String, StepRun> byName = new LinkedHashMap<>();
    steps.forEach(s -> byName.put(s.name(), s));
    return byName;
  }

  /** This execution moved to {@code next}; throws if the state machine forbids it. */
  public Execution moveTo(WorkflowState next, Instant at) {
    state.checkTransition("execution " + id, next);
    Instant started = next == WorkflowState.RUNNING && startedAt == null ? at : startedAt;
    Instant finished = next.isTerminal() ? at : finishedAt;
    return new Execution(
        id,
        workflowId,
        taskId,
        workflowType,
        next,
        params,
        pipeline,
        steps,
        result,
        error,
        createdAt,
        started,
        finished,
        version);
  }

  public Execution withSteps(List<StepRun> newSteps) {
    return new Execution(
        id,
        workflowId,
        taskId,
        workflowType,
        state,
        params,
        pipeline,
        newSteps,
        result,
        error,
        createdAt,
        startedAt,
        finishedAt,
        version);
  }

  public Execution withOutcome(Map<String, Object> newResult, String newError) {
    return new Execution(
        id,
        workflowId,
        taskId,
        workflowType,
        state,
        params,
        pipeline,
        steps,
        newResult,
        newError,
        createdAt,
        startedAt,
        finishedAt,
        version);
  }

  public Execution withVersion(long newVersion) {
    return new Execution(
        id,
        workflowId,
        taskId,
        workflowType,
        state,
        params,
        pipeline,
        steps,
        result,
        error,
        createdAt,
        startedAt,
        finishedAt,
        newVersion);
  }
}
