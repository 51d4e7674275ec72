package dev.gantry.server.routes;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import java.util.List;
import java.util.Map;

/** Templates, the workflow cache and the circuit breakers under {@code /v1}. */
public final class CatalogRoutes {
  static final List<String> CONVERT_KEYS = List.of("task_id", "parameters");

  private CatalogRoutes() {}

  public static void register(Api api, RouteContext rc) {
    TaskWorkflowIntegration gantry = rc.api();
    api.get(
        "/v1/templates",
        Scope.READ,
        ctx -> Map.of("templates", gantry.listPipelineTemplates(ctx.queryParam("category"))));
    api.get(
        "/v1/templates/categories",
        Scope.READ,
        ctx -> Map.of("categories", gantry.getPipelineTemplateCategories()));
    api.get(
        "/v1/templates/{id}", Scope.READ, ctx -> gantry.getPipelineTemplate(ctx.pathParam("id")));
    api.post(
        "/v1/templates/{id}/convert",
        Scope.WRITE,
        ctx -> {
          String template = ctx.pathParam("id");
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, CONVERT_KEYS);
          String task = b.fields().requiredString("task_id");
          Map<String, Object> parameters = b.object("parameters");
          b.check();
          TaskRoutes.taskId(task);
          gantry.getPipelineTemplate(template);
          ctx.status(201);
          return gantry.convertTaskToPipeline(task, template, parameters);
        });
    api.get("/v1/cache/stats", Scope.READ, ctx -> gantry.cacheStats());
    api.post("/v1/cache/prune", Scope.ADMIN, ctx -> Map.of("removed", gantry.pruneCache()));
    api.get(
        "/v1/circuit-breakers",
        Scope.READ,
        ctx -> Map.of("circuit_breakers", gantry.circuitBreakers()));
  }
}
