package dev.gantry.server.http;

import dev.gantry.server.auth.Scope;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.util.function.Consumer;

/** Registers routes with the scope each requires and answers their values as JSON. */
public final class Api {
  /** A handler whose value is the JSON body; {@code null} answers without a body. */
  @FunctionalInterface
  public interface JsonHandler {
    Object handle(Context ctx) throws Exception;
  }

  private final Javalin app;

  public Api(Javalin app) {
    this.app = app;
  }

  public void get(String path, Scope scope, JsonHandler handler) {
    add(HandlerType.GET, path, scope, handler);
  }

  public void post(String path, Scope scope, JsonHandler handler) {
    add(HandlerType.POST, path, scope, handler);
  }

  public void patch(String path, Scope scope, JsonHandler handler) {
    add(HandlerType.PATCH, path, scope, handler);
  }

  public void delete(String path, Scope scope, JsonHandler handler) {
    add(HandlerType.DELETE, path, scope, handler);
  }

  public void sse(String path, Scope scope, Consumer<SseClient> client) {
    app.sse(path, client, scope);
  }

  /** A route whose handler writes the response itself (text, streams). */
  public void raw(HandlerType method, String path, Scope scope, io.javalin.http.Handler handler) {
    app.addHttpHandler(method, path, handler, scope);
  }

  private void add(HandlerType method, String path, Scope scope, JsonHandler handler) {
    app.addHttpHandler(
        method,
        path,
        ctx -> {
          Object value = handler.handle(ctx);
          if (value != null) {
            ctx.contentType("application/json");
            ctx.result(ServerJson.MAPPER.writeValueAsString(value));
          } else if (ctx.status().getCode() == 200) {
            ctx.status(204);
          }
        },
        scope);
  }
}
