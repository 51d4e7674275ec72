package dev.gantry.server.routes;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.internal.Fields;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.dagger.ExecutionViews;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed's task workflow methods under {@code /v1/tasks/{id}}. */
public final class TaskWorkflowRoutes {
  static final List<String> CREATE_KEYS = List.of("workflow_name", "custom_inputs");
  static final List<String> EXECUTE_KEYS =
      List.of("workflow_type", "workflow_params", "skip_cache");
  static final List<String> PIPELINE_KEYS = List.of("pipeline_definition");

  private TaskWorkflowRoutes() {}

  public static void register(Api api, RouteContext rc) {
    TaskWorkflowIntegration gantry = rc.api();
    api.post(
        "/v1/tasks/{id}/workflows",
        Scope.WRITE,
        ctx -> {
          String task = TaskRoutes.taskId(ctx.pathParam("id")).value();
          Requests.Body b = Requests.body(ctx, true);
          TaskRoutes.known(b, CREATE_KEYS);
          String name = b.fields().string("workflow_name");
          Map<String, Object> inputs = b.object("custom_inputs");
          b.check();
          ctx.status(201);
          return gantry.createWorkflowFromTask(task, name, inputs);
        });
    api.post(
        "/v1/tasks/{id}/workflows/execute",
        Scope.WRITE,
        ctx -> {
          String task = TaskRoutes.taskId(ctx.pathParam("id")).value();
          Requests.Body b = Requests.body(ctx, true);
          TaskRoutes.known(b, EXECUTE_KEYS);
          Fields f = b.fields();
          String type = f.string("workflow_type");
          Map<String, Object> params = b.object("workflow_params");
          Boolean skip = f.bool("skip_cache");
          b.check();
          gantry.tasks().getTask(dev.gantry.task.TaskId.of(task));
          ctx.status(202);
          return rc.idempotency()
              .once(
                  ctx,
                  () -> {
                    var handle =
                        gantry.executeTaskWorkflowAsync(
                            task, type, params, Boolean.TRUE.equals(skip));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("execution_id", handle.executionId().value());
                    answer.put("workflow_id", handle.workflowId().value());
                    answer.put("task_id", task);
                    answer.put("status", handle.state().wireName());
                    answer.put("cached", handle.cached());
                    return answer;
                  });
        });
    api.get(
        "/v1/tasks/{id}/workflows/status",
        Scope.READ,
        ctx -> gantry.getWorkflowStatus(TaskRoutes.taskId(ctx.pathParam("id")).value()));
    api.get(
        "/v1/tasks/{id}/results",
        Scope.READ,
        ctx ->
            Map.of("results", gantry.getResults(TaskRoutes.taskId(ctx.pathParam("id")).value())));
    api.post(
        "/v1/tasks/{id}/pipelines",
        Scope.WRITE,
        ctx -> {
          String task = TaskRoutes.taskId(ctx.pathParam("id")).value();
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, PIPELINE_KEYS);
          Object definition = b.raw().get("pipeline_definition");
          if (definition == null) {
            b.fields().problem("pipeline_definition", "is required: an object or YAML/JSON text");
          }
          b.check();
          ctx.status(201);
          return gantry.createCustomPipeline(task, definition);
        });
    api.get(
        "/v1/workflows/{id}",
        Scope.READ,
        ctx -> gantry.getWorkflow(WorkflowIds.workflow(ctx.pathParam("id"))));
    api.delete(
        "/v1/workflows/{id}",
        Scope.WRITE,
        ctx -> {
          String id = WorkflowIds.workflow(ctx.pathParam("id"));
          boolean containers = Requests.bool(ctx, "delete_containers");
          boolean cancel = Requests.bool(ctx, "cancel_running");
          return gantry.deleteWorkflow(id, containers, cancel);
        });
    api.get(
        "/v1/workflows/{id}/executions",
        Scope.READ,
        ctx ->
            Map.of(
                "executions",
                gantry.listExecutions(WorkflowIds.workflow(ctx.pathParam("id"))).stream()
                    .map(ExecutionViews::summary)
                    .toList()));
    api.get(
        "/v1/executions/{id}",
        Scope.READ,
        ctx -> gantry.getExecution(WorkflowIds.execution(ctx.pathParam("id"))));
    api.delete(
        "/v1/executions/{id}",
        Scope.WRITE,
        ctx -> {
          DaggerWorkflowRoutes.cancel(rc, WorkflowIds.execution(ctx.pathParam("id")));
          ctx.status(204);
          return null;
        });
  }

  /** Checks path ids before they reach the store. */
  static final class WorkflowIds {
    private WorkflowIds() {}

    static String workflow(String id) {
      dev.gantry.internal.Ids.check("workflow id", id);
      return id;
    }

    static String execution(String id) {
      dev.gantry.internal.Ids.check("execution id", id);
      return id;
    }
  }
}
