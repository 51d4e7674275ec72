package dev.gantry.api.internal;

import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's contract of what workflows do to their task: create → {@code in_progress} with {@code
 * workflow_id}, {@code workflow_created_at}; start → {@code workflow_started_at}, {@code
 * workflow_type}; success → {@code completed}, progress 100, result; failure → {@code failed},
 * error, {@code workflow_failed_at}, {@code workflow_error}.
 */
public final class TaskSideEffects {
  private final TaskService tasks;
  private final Clock clock;

  public TaskSideEffects(TaskService tasks, Clock clock) {
    this.tasks = tasks;
    this.clock = clock;
  }

  public void workflowCreated(Workflow workflow) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("workflow_id", workflow.id().value());
    meta.put("workflow_name", workflow.name());
    meta.put("workflow_created_at", clock.instant().toString());
    meta.put("workflow_status", workflow.state().wireName());
    tasks.updateTask(
        workflow.taskId(),
        TaskPatch.builder().status(TaskStatus.IN_PROGRESS).metadata(meta).build());
  }

  public void executionStarted(Execution execution) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("workflow_id", execution.workflowId().value());
    meta.put("workflow_execution_id", execution.id().value());
    meta.put("workflow_started_at", clock.instant().toString());
    meta.put("workflow_type", execution.workflowType());
    meta.put("workflow_status", execution.state().wireName());
    meta.put("workflow_cached", false);
    tasks.updateTask(
        execution.taskId(),
        TaskPatch.builder().status(TaskStatus.IN_PROGRESS).metadata(meta).build());
  }

  public void executionFinished(Execution execution, WorkflowResult result) {
    TaskId taskId = execution.taskId();
    String now = clock.instant().toString();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("workflow_execution_id", execution.id().value());
    meta.put("workflow_status", execution.state().wireName());
    if (execution.state().isSuccessful()) {
      meta.put("workflow_completed_at", now);
      tasks.updateTask(
          taskId,
          TaskPatch.builder()
              .status(TaskStatus.COMPLETED)
              .progress(100)
              .result(result.result())
              .clearError()
              .metadata(meta)
              .build());
    } else {
      String error = String.valueOf(result.result().get("error"));
      meta.put("workflow_failed_at", now);
      meta.put("workflow_error", error);
      tasks.updateTask(
          taskId,
          TaskPatch.builder()
              .status(
                  execution.state().wireName().equals("cancelled")
                      ? TaskStatus.CANCELLED
                      : TaskStatus.FAILED)
              .error(error)
              .metadata(meta)
              .build());
    }
  }
}
