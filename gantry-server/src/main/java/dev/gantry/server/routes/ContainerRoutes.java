package dev.gantry.server.routes;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.internal.ResourceFields;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import dev.gantry.server.logs.LogStreams;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed's container management under {@code /v1/containers} (see docs/containers.md). */
public final class ContainerRoutes {
  static final List<String> CREATE_KEYS =
      List.of("workflow_id", "image", "name", "environment", "volumes", "command", "resources");

  private ContainerRoutes() {}

  public static void register(Api api, RouteContext rc, LogStreams streams) {
    TaskWorkflowIntegration gantry = rc.api();
    api.get(
        "/v1/containers",
        Scope.READ,
        ctx ->
            Map.of(
                "containers",
                gantry.listContainers(ctx.queryParam("workflow_id"), ctx.queryParam("status"))));
    api.post(
        "/v1/containers",
        Scope.WRITE,
        ctx -> {
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, CREATE_KEYS);
          Fields f = b.fields();
          String workflow = f.requiredString("workflow_id");
          String image = f.requiredString("image");
          String name = f.string("name");
          Map<String, String> env = new LinkedHashMap<>();
          Fields environment = f.object("environment");
          if (environment != null) {
            environment.keys().forEach(k -> env.put(k, environment.string(k)));
          }
          List<Map<String, Object>> volumes = new ArrayList<>();
          Object raw = b.raw().get("volumes");
          if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
              if (list.get(i) instanceof Map<?, ?> m) {
                volumes.add(Fields.stringKeys(m));
              } else {
                f.problem("volumes[" + i + "]", "expected an object {source, target}");
              }
            }
          } else if (raw != null) {
            f.problem("volumes", "expected a list of {source, target}");
          }
          List<String> command = f.strings("command");
          Resources resources = resources(f);
          b.check();
          gantry.getWorkflow(TaskWorkflowRoutes.WorkflowIds.workflow(workflow));
          ctx.status(201);
          return gantry.createContainer(workflow, image, name, env, volumes, command, resources);
        });
    api.get("/v1/containers/{id}", Scope.READ, ctx -> gantry.getContainer(id(ctx)));
    api.post(
        "/v1/containers/{id}/start",
        Scope.WRITE,
        ctx -> {
          gantry.startContainer(id(ctx));
          return gantry.getContainer(id(ctx));
        });
    api.post(
        "/v1/containers/{id}/stop",
        Scope.WRITE,
        ctx -> {
          int grace = Requests.intQuery(ctx, "grace_seconds", 10, 0, 600);
          gantry.stopContainer(id(ctx), grace);
          return gantry.getContainer(id(ctx));
        });
    api.delete(
        "/v1/containers/{id}",
        Scope.WRITE,
        ctx -> {
          gantry.deleteContainer(id(ctx));
          ctx.status(204);
          return null;
        });
    api.raw(
        io.javalin.http.HandlerType.GET,
        "/v1/containers/{id}/logs",
        Scope.READ,
        ctx -> {
          String id = id(ctx);
          Integer tail =
              ctx.queryParam("tail") == null ? null : Requests.intQuery(ctx, "tail", 0, 0, 100_000);
          Instant since = since(ctx);
          boolean follow = Requests.bool(ctx, "follow");
          if (follow) {
            int limit = Requests.intQuery(ctx, "wait_seconds", 600, 1, 3600);
            streams.stream(ctx, id, tail, since, Duration.ofSeconds(limit));
            return;
          }
          ctx.contentType("text/plain; charset=utf-8");
          ctx.result(gantry.getContainerLogs(id, tail, since));
        });
  }

  /**
   * The optional {@code resources} object ({@code memory} as 64m/1g or bytes, {@code cpus}, {@code
   * pids}), as a pipeline step takes it; the facade caps it by {@code runtime.max_resources}.
   */
  private static Resources resources(Fields f) {
    Fields r = f.object("resources");
    if (r == null) {
      return null;
    }
    for (String key : r.keys()) {
      if (!ResourceFields.KEYS.contains(key)) {
        r.problem(key, "unknown field; expected one of " + ResourceFields.KEYS);
      }
    }
    return ResourceFields.read(r);
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    dev.gantry.internal.Ids.check("container id", id);
    return id;
  }

  private static Instant since(Context ctx) {
    String text = ctx.queryParam("since");
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new dev.gantry.InvalidInputException(
          "query.since", "expected an ISO-8601 instant such as 2025-01-31T12:00:00Z");
    }
  }
}
