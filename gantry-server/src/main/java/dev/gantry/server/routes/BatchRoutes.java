package dev.gantry.server.routes;

import dev.gantry.GantryException;
import dev.gantry.NotFoundException;
import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.internal.Fields;
import dev.gantry.internal.Ids;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.batch.BatchViews;
import dev.gantry.server.events.BatchEvents;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.Requests;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Batches (docs/batches.md): a project's task workflows created or run at once, and cancelled. */
public final class BatchRoutes {
  static final List<String> CREATE_KEYS = List.of("phase_id", "status");
  static final List<String> EXECUTE_KEYS =
      List.of(
          "phase_id",
          "status",
          "workflow_type",
          "workflow_params",
          "skip_cache",
          "concurrency",
          "force");

  private BatchRoutes() {}

  public static void register(Api api, RouteContext rc, BatchEvents events) {
    TaskWorkflowIntegration gantry = rc.api();
    BatchViews views = new BatchViews();
    api.post(
        "/v1/projects/{id}/workflows",
        Scope.WRITE,
        ctx -> {
          String project = ProjectRoutes.projectId(ctx.pathParam("id")).value();
          Requests.Body b = Requests.body(ctx, true);
          TaskRoutes.known(b, CREATE_KEYS);
          String phase = filter(ctx, b, "phase_id");
          String status = filter(ctx, b, "status");
          b.check();
          Map<String, String> created = gantry.createWorkflowsForProject(project, phase, status);
          ctx.status(201);
          return Map.of("project_id", project, "workflows", created);
        });
    api.post(
        "/v1/projects/{id}/batches",
        Scope.WRITE,
        ctx -> {
          String project = ProjectRoutes.projectId(ctx.pathParam("id")).value();
          Requests.Body b = Requests.body(ctx, true);
          TaskRoutes.known(b, EXECUTE_KEYS);
          Fields f = b.fields();
          BatchRequest request =
              BatchRequest.builder(project)
                  .phaseId(filter(ctx, b, "phase_id"))
                  .status(filter(ctx, b, "status"))
                  .workflowType(f.string("workflow_type"))
                  .workflowParams(b.object("workflow_params"))
                  .skipCache(Boolean.TRUE.equals(f.bool("skip_cache")))
                  .concurrency(f.integer("concurrency", 1))
                  .force(Boolean.TRUE.equals(f.bool("force")))
                  .build();
          b.check();
          ctx.status(202);
          return rc.idempotency()
              .once(
                  ctx,
                  () -> {
                    BatchHandle handle =
                        gantry.executeWorkflowsForProjectAsync(
                            request,
                            p -> {
                              views.record(p);
                              events.progress(project, p);
                            });
                    views.started(handle.batchId(), project);
                    events.started(project, handle);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("batch_id", handle.batchId());
                    answer.put("project_id", project);
                    answer.put("status", "running");
                    answer.put("total", handle.progress().total());
                    return answer;
                  });
        });
    api.get("/v1/batches/{id}", Scope.READ, ctx -> views.view(handle(rc, ctx)));
    api.delete(
        "/v1/batches/{id}",
        Scope.WRITE,
        ctx -> {
          BatchHandle handle = handle(rc, ctx);
          if (handle.isDone()) {
            throw notCancellable(handle.batchId());
          }
          try {
            gantry.cancelBatch(handle.batchId());
          } catch (NotFoundException e) {
            throw e;
          } catch (GantryException e) {
            if (handle.isDone() && !BatchViews.finished(handle).cancelled()) {
              throw notCancellable(handle.batchId());
            }
            throw e;
          }
          return views.view(handle);
        });
  }

  /** A filter from the body, else from the query string; {@code null} matches every task. */
  private static String filter(Context ctx, Requests.Body b, String name) {
    String value = b.has(name) ? b.fields().string(name) : ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static BatchHandle handle(RouteContext rc, Context ctx) {
    String id = ctx.pathParam("id");
    Ids.check("batch id", id);
    return rc.api().batchHandle(id).orElseThrow(() -> new NotFoundException("batch", id));
  }

  private static ApiException notCancellable(String id) {
    return new ApiException(
        400,
        "not_cancellable",
        "batch " + id + " already finished and can no longer be cancelled",
        Map.of("status", "finished"));
  }
}
