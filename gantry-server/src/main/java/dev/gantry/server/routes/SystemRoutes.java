package dev.gantry.server.routes;

import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.Api;
import dev.gantry.server.metrics.ServerMetrics;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics and the OpenAPI document. */
public final class SystemRoutes {
  public static final String OPENAPI_RESOURCE = "/dev/gantry/server/openapi.yaml";

  private SystemRoutes() {}

  public static void register(Api api, RouteContext rc, ServerMetrics metrics) {
    Instant started = Instant.now();
    String document = openApi();
    api.get(
        "/health",
        Scope.PUBLIC,
        ctx -> {
          Map<String, Object> health = new LinkedHashMap<>();
          String store = storeStatus(rc);
          health.put("status", store.equals("ok") ? "ok" : "degraded");
          health.put("store", store);
          health.put(
              "circuit_breakers",
              rc.api().circuitBreakers().stream()
                  .map(b -> Map.of("name", b.name(), "state", b.state()))
                  .toList());
          health.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
          if (!store.equals("ok")) {
            ctx.status(503);
          }
          return health;
        });
    api.raw(
        HandlerType.GET,
        "/metrics",
        Scope.READ,
        ctx -> {
          ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
          ctx.result(metrics.scrape());
        });
    api.raw(
        HandlerType.GET,
        "/v1/openapi.yaml",
        Scope.PUBLIC,
        ctx -> {
          ctx.contentType("application/yaml");
          ctx.result(document);
        });
  }

  private static String storeStatus(RouteContext rc) {
    try {
      rc.api().store().findProject(dev.gantry.task.ProjectId.of("health-check"));
      return "ok";
    } catch (RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  /** The OpenAPI document kept in this module's resources. */
  public static String openApi() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
