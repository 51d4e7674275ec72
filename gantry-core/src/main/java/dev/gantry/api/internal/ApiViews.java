package dev.gantry.api.internal;

import dev.gantry.api.WorkflowInfo;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.task.Task;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Workflow;
import java.util.Map;

/** The records the public API returns, made from the domain objects. */
public final class ApiViews {
  private ApiViews() {}

  /** The task's workflow status, read from its metadata. */
  public static WorkflowStatusInfo status(Task task) {
    Map<String, Object> m = task.metadata();
    return new WorkflowStatusInfo(
        task.id().value(),
        task.status().wireName(),
        text(m, "workflow_id"),
        text(m, "workflow_status"),
        text(m, "workflow_type"),
        text(m, "workflow_execution_id"),
        text(m, "workflow_created_at"),
        text(m, "workflow_started_at"),
        text(m, "workflow_completed_at"),
        text(m, "workflow_failed_at"),
        text(m, "workflow_error"));
  }

  public static WorkflowRunResult runResult(Execution done) {
    Map<String, Object> result = done.result() != null ? done.result() : Map.of();
    boolean success = done.state().isSuccessful();
    @SuppressWarnings("unchecked")
    Map<String, Object> payload =
        result.get("result") instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
    return new WorkflowRunResult(
        success,
        payload,
        success ? null : done.error(),
        done.workflowId().value(),
        done.id().value(),
        done.state().wireName());
  }

  public static WorkflowInfo workflowInfo(Workflow w) {
    return new WorkflowInfo(
        w.id().value(),
        w.name(),
        w.taskId().value(),
        w.state().wireName(),
        w.inputs(),
        w.createdAt());
  }

  private static String text(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
