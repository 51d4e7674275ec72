package dev.gantry.server;

import dev.gantry.InvalidInputException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ServerConfig;
import dev.gantry.server.auth.AccessCheck;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.events.BatchEvents;
import dev.gantry.server.events.EventReader;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.ApiError;
import dev.gantry.server.http.ErrorMapper;
import dev.gantry.server.http.JettyErrors;
import dev.gantry.server.http.ServerJson;
import dev.gantry.server.logs.LogStreams;
import dev.gantry.server.metrics.ServerMetrics;
import dev.gantry.server.routes.BatchRoutes;
import dev.gantry.server.routes.CatalogRoutes;
import dev.gantry.server.routes.ContainerRoutes;
import dev.gantry.server.routes.DaggerResourceRoutes;
import dev.gantry.server.routes.DaggerWorkflowRoutes;
import dev.gantry.server.routes.EventRoutes;
import dev.gantry.server.routes.ProjectRoutes;
import dev.gantry.server.routes.RouteContext;
import dev.gantry.server.routes.SystemRoutes;
import dev.gantry.server.routes.TaskRoutes;
import dev.gantry.server.routes.TaskWorkflowRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gantry server}: the REST API on Javalin, backed by a {@link TaskWorkflowIntegration}. It
 * refuses to bind an address other than loopback unless tokens or a JWT secret are configured.
 */
public final class GantryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GantryServer.class);
  private static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final String STARTED = "gantry.started";
  private static final String ROUTE = "gantry.route";
  private static final java.util.Set<String> HTTP_METHODS =
      java.util.Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final Javalin app;
  private final List<String> routes = new CopyOnWriteArrayList<>();
  private final ServerConfig config;
  private final BatchEvents batchEvents;

  private GantryServer(TaskWorkflowIntegration gantry, ServerConfig config) {
    this.config = config;
    AccessCheck access = new AccessCheck(new Authenticator(config));
    EventReader events = new EventReader(gantry.store());
    LogStreams logStreams = new LogStreams(gantry);
    this.batchEvents = new BatchEvents(java.time.Clock.systemUTC());
    ServerMetrics metrics = new ServerMetrics(gantry, new EventReader(gantry.store()));
    metrics.gauge("gantry.log.follows", "Container log follows being streamed", logStreams::active);
    this.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.useVirtualThreads = true;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = MAX_BODY_BYTES;
              cfg.router.ignoreTrailingSlashes = true;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
              cfg.events(
                  e ->
                      e.handlerAdded(
                          h -> {
                            if (HTTP_METHODS.contains(h.getHttpMethod().name())) {
                              routes.add(h.getHttpMethod() + " " + h.getPath());
                            }
                          }));
            });
    app.beforeMatched(
        ctx -> {
          ctx.attribute(STARTED, System.nanoTime());
          ctx.attribute(ROUTE, ctx.endpointHandlerPath());
          access.check(ctx);
          if (ctx.matchedPath().equals("/v1/events")) {
            EventRoutes.validate(ctx);
          }
        });
    app.afterMatched(ctx -> record(metrics, ctx));
    app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, httpError(e)));
    app.exception(Exception.class, (e, ctx) -> answer(ctx, ErrorMapper.map(e, route(ctx))));
    app.error(
        404,
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            answer(
                ctx,
                new ApiError(
                    404,
                    "not_found",
                    "no route " + ctx.method() + " " + ctx.path() + " (see /v1/openapi.yaml)",
                    Map.of()));
          }
        });
    Api api = new Api(app);
    RouteContext rc = RouteContext.of(gantry);
    SystemRoutes.register(api, rc, metrics);
    DaggerWorkflowRoutes.register(api, rc);
    DaggerResourceRoutes.register(api, rc);
    ProjectRoutes.register(api, rc);
    TaskRoutes.register(api, rc);
    TaskWorkflowRoutes.register(api, rc);
    BatchRoutes.register(api, rc, batchEvents);
    ContainerRoutes.register(api, rc, logStreams);
    CatalogRoutes.register(api, rc);
    EventRoutes.register(api, rc, events, batchEvents);
  }

  /** Starts the server on the config's host and port. */
  public static GantryServer start(TaskWorkflowIntegration gantry, ServerConfig config) {
    checkBind(config);
    GantryServer server = new GantryServer(gantry, config);
    server.app.start(config.host(), config.port());
    LOG.info(
        "Gantry API listening on http://{}:{} ({})",
        config.host(),
        server.port(),
        config.authEnabled()
            ? config.tokens().size() + " token(s)" + (config.jwtSecret() != null ? " and JWT" : "")
            : "no authentication, loopback only");
    return server;
  }

  /** Refuses a non-loopback address without authentication. */
  static void checkBind(ServerConfig config) {
    if (config.authEnabled()) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(config.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidInputException("server.host", "unknown host '" + config.host() + "'");
    }
    if (!loopback) {
      throw new InvalidInputException(
          "server.host",
          "refusing to serve on "
              + config.host()
              + " without authentication: configure server.tokens or server.jwt_secret, or bind"
              + " 127.0.0.1");
    }
  }

  public int port() {
    return app.port();
  }

  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The registered routes as {@code METHOD /path}, in registration order. */
  public List<String> routes() {
    return List.copyOf(routes);
  }

  @Override
  public void close() {
    batchEvents.close();
    app.stop();
  }

  private static void record(ServerMetrics metrics, Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started != null) {
      metrics.request(
          ctx.method().name(),
          String.valueOf(ctx.<String>attribute(ROUTE)),
          ctx.statusCode(),
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static String route(Context ctx) {
    return ctx.method() + " " + ctx.path();
  }

  private static ApiError httpError(HttpResponseException e) {
    int status = e.getStatus();
    if (status == 404) {
      return new ApiError(404, "not_found", e.getMessage() + " (see /v1/openapi.yaml)", Map.of());
    }
    String code =
        status == 413 ? "payload_too_large" : status >= 500 ? "internal_error" : "invalid_request";
    return new ApiError(status, code, e.getMessage(), Map.of());
  }

  private static void answer(Context ctx, ApiError error) {
    ctx.status(error.status());
    ctx.contentType("application/json");
    try {
      ctx.result(ServerJson.MAPPER.writeValueAsString(error));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      ctx.result("{\"status\":" + error.status() + ",\"code\":\"" + error.code() + "\"}");
    }
  }
}
