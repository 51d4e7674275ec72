package dev.gantry.api.internal;

import dev.gantry.api.WorkflowRunResult;
import dev.gantry.cache.WorkflowCacheEntry;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.IllegalStateTransitionException;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The handle of a run answered from the workflow cache: the earlier, completed execution. */
public final class CachedRun implements ExecutionHandle {
  private final Execution execution;
  private final WorkflowCacheEntry entry;

  CachedRun(Execution execution, WorkflowCacheEntry entry) {
    this.execution = execution;
    this.entry = entry;
  }

  @Override
  public ExecutionId executionId() {
    return execution.id();
  }

  @Override
  public WorkflowId workflowId() {
    return execution.workflowId();
  }

  @Override
  public WorkflowState state() {
    return execution.state();
  }

  @Override
  public Execution await(Duration timeout) {
    return execution;
  }

  @Override
  public void cancel() {
    throw new IllegalStateTransitionException(
        "execution " + execution.id() + " (served from the workflow cache)",
        execution.state().wireName(),
        "cancelled",
        List.of());
  }

  @Override
  public boolean cached() {
    return true;
  }

  /** What {@code executeTaskWorkflow} returns for this hit. */
  public WorkflowRunResult runResult() {
    @SuppressWarnings("unchecked")
    Map<String, Object> payload =
        entry.result().get("result") instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
    return new WorkflowRunResult(
        true, payload, null, entry.workflowId(), entry.executionId(), entry.status(), true);
  }
}
