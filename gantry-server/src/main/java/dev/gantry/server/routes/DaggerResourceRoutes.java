package dev.gantry.server.routes;

import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.dagger.Agents;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import java.util.List;
import java.util.Map;

/** The contract's agents and pipelines under {@code /v1/dagger}. */
public final class DaggerResourceRoutes {
  private static final String BASE = DaggerWorkflowRoutes.BASE;

  private DaggerResourceRoutes() {}

  public static void register(Api api, RouteContext rc) {
    api.get(
        BASE + "/agents",
        Scope.READ,
        ctx -> {
          String status = Requests.oneOf(ctx, "status", Agents.STATUSES);
          String capability = ctx.queryParam("capability");
          int limit = Requests.limit(ctx, 20);
          int offset = Requests.offset(ctx);
          List<Map<String, Object>> all = rc.agents().list(status, capability);
          return DaggerWorkflowRoutes.page(
              "agents", Requests.page(all, limit, offset), all.size(), limit, offset);
        });
    api.post(
        BASE + "/agents",
        Scope.ADMIN,
        ctx -> {
          Map<String, Object> agent = rc.agents().register(Requests.body(ctx, false));
          ctx.status(201);
          return agent;
        });
    api.get(
        BASE + "/pipelines",
        Scope.READ,
        ctx -> {
          int limit = Requests.limit(ctx, 20);
          int offset = Requests.offset(ctx);
          List<PipelineRecord> all = rc.pipelines().list();
          return DaggerWorkflowRoutes.page(
              "pipelines",
              Requests.page(all, limit, offset).stream().map(rc.pipelines()::view).toList(),
              all.size(),
              limit,
              offset);
        });
    api.post(
        BASE + "/pipelines",
        Scope.WRITE,
        ctx -> {
          Map<String, Object> pipeline = rc.pipelines().create(Requests.body(ctx, false));
          ctx.status(201);
          return pipeline;
        });
    api.get(
        BASE + "/pipelines/{id}",
        Scope.READ,
        ctx -> rc.pipelines().view(rc.pipelines().get(ctx.pathParam("id"))));
    api.post(
        BASE + "/pipelines/{id}/execute",
        Scope.WRITE,
        ctx -> {
          String id = ctx.pathParam("id");
          rc.pipelines().get(id);
          Requests.Body body = Requests.body(ctx, true);
          ctx.status(202);
          return rc.idempotency()
              .once(
                  ctx,
                  () ->
                      DaggerWorkflowRoutes.started(
                          rc.pipelines().execute(id, body), "pipeline_id", id));
        });
  }
}
