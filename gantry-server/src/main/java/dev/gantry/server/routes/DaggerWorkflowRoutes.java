package dev.gantry.server.routes;

import dev.gantry.server.auth.Scope;
import dev.gantry.server.dagger.ContractStatus;
import dev.gantry.server.dagger.ExecutionViews;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.ApiException;
import dev.gantry.server.http.Requests;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.Workflow;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's workflows and executions under {@code /v1/dagger}. */
public final class DaggerWorkflowRoutes {
  static final String BASE = "/v1/dagger";

  private DaggerWorkflowRoutes() {}

  public static void register(Api api, RouteContext rc) {
    api.get(
        BASE + "/workflows",
        Scope.READ,
        ctx -> {
          String status = Requests.oneOf(ctx, "status", ContractStatus.VALUES);
          int limit = Requests.limit(ctx, 20);
          int offset = Requests.offset(ctx);
          List<Workflow> all = rc.workflows().list(status);
          return page(
              "workflows",
              Requests.page(all, limit, offset).stream().map(rc.workflows()::view).toList(),
              all.size(),
              limit,
              offset);
        });
    api.post(
        BASE + "/workflows",
        Scope.WRITE,
        ctx -> {
          ctx.status(201);
          return rc.workflows().create(Requests.body(ctx, false));
        });
    api.get(
        BASE + "/workflows/{id}",
        Scope.READ,
        ctx -> rc.workflows().view(rc.workflows().get(ctx.pathParam("id"))));
    api.patch(
        BASE + "/workflows/{id}",
        Scope.WRITE,
        ctx -> rc.workflows().update(ctx.pathParam("id"), Requests.body(ctx, false)));
    api.delete(
        BASE + "/workflows/{id}",
        Scope.WRITE,
        ctx -> {
          rc.workflows().delete(ctx.pathParam("id"));
          ctx.status(204);
          return null;
        });
    api.post(
        BASE + "/workflows/{id}/execute",
        Scope.WRITE,
        ctx -> {
          String id = ctx.pathParam("id");
          rc.workflows().get(id);
          Requests.Body body = Requests.body(ctx, true);
          ctx.status(202);
          return rc.idempotency()
              .once(ctx, () -> started(rc.workflows().execute(id, body), "workflow_id", id));
        });
    api.get(
        BASE + "/workflows/{id}/executions",
        Scope.READ,
        ctx -> {
          Workflow workflow = rc.workflows().get(ctx.pathParam("id"));
          String status = Requests.oneOf(ctx, "status", ContractStatus.VALUES);
          int limit = Requests.limit(ctx, 20);
          int offset = Requests.offset(ctx);
          List<Execution> all =
              rc.api().listExecutions(workflow.id().value()).stream()
                  .filter(e -> status == null || ContractStatus.of(e.state()).equals(status))
                  .sorted(Comparator.comparing(Execution::createdAt).reversed())
                  .toList();
          return page(
              "executions",
              Requests.page(all, limit, offset).stream().map(ExecutionViews::summary).toList(),
              all.size(),
              limit,
              offset);
        });
    api.get(
        BASE + "/executions/{id}",
        Scope.READ,
        ctx -> ExecutionViews.full(rc.api().getExecution(ctx.pathParam("id"))));
    api.delete(
        BASE + "/executions/{id}",
        Scope.WRITE,
        ctx -> {
          cancel(rc, ctx.pathParam("id"));
          ctx.status(204);
          return null;
        });
  }

  /**
   * Cancels a queued or running execution; 400 when it finished. One running in this server is
   * cancelled through its handle (answering at once); one of another process on the same store is
   * cancelled by the facade: its containers, found by label, are removed and its record moved to
   * {@code cancelled}.
   */
  static void cancel(RouteContext rc, String id) {
    Execution execution = rc.api().getExecution(id);
    if (execution.state().isTerminal()) {
      throw notCancellable(id, execution);
    }
    try {
      java.util.Optional<ExecutionHandle> handle = rc.api().executionHandle(id);
      if (handle.isPresent()) {
        handle.get().cancel();
      } else {
        rc.api().cancelExecution(id);
      }
    } catch (dev.gantry.workflow.IllegalStateTransitionException e) {
      throw new ApiException(
          400,
          "not_cancellable",
          e.getMessage(),
          Map.of("status", rc.api().getExecution(id).state().wireName()));
    }
  }

  private static ApiException notCancellable(String id, Execution execution) {
    return new ApiException(
        400,
        "not_cancellable",
        "execution "
            + id
            + " is "
            + execution.state().wireName()
            + " and can no longer be cancelled",
        Map.of("status", execution.state().wireName()));
  }

  static Map<String, Object> started(ExecutionHandle handle, String ownerKey, String ownerId) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("execution_id", handle.executionId().value());
    // pending or running; completed when the workflow cache answered (cached: true)
    answer.put("status", ContractStatus.of(handle.state()));
    answer.put(ownerKey, ownerId);
    answer.put("cached", handle.cached());
    return answer;
  }

  static Map<String, Object> page(String key, List<?> items, int total, int limit, int offset) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put(key, items);
    page.put("total", total);
    page.put("limit", limit);
    page.put("offset", offset);
    return page;
  }
}
