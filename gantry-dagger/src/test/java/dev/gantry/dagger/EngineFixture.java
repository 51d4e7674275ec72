package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a Dagger session's {@code /query} endpoint in tests: it
 * checks the Basic auth header, records each request (operation name, query, variables) and answers
 * with what {@link #answer} returns for it (canned bodies shaped by the schema).
 */
final class EngineFixture implements AutoCloseable {
  /** One request the fixture received. */
  record Received(String authorization, String operationName, String query, JsonNode variables) {}

  static final String TOKEN = "fixture-token";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<Received, String> answer = r -> "{\"data\":{}}";

  EngineFixture() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/query", this::handle);
    server.start();
  }

  DaggerEndpoint endpoint() {
    return DaggerEndpoint.local(server.getAddress().getPort(), TOKEN);
  }

  DaggerEndpoint endpoint(String token) {
    return DaggerEndpoint.local(server.getAddress().getPort(), token);
  }

  void answer(Function<Received, String> answer) {
    this.answer = answer;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"errors\":[{\"message\":\"POST only\"}]}");
        return;
      }
      if (!new DaggerEndpoint(endpoint().queryUri(), TOKEN).authorization().equals(auth)) {
        respond(exchange, 401, "unauthorized");
        return;
      }
      JsonNode body =
          Json.JSON.readTree(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Received r =
          new Received(
              auth,
              body.path("operationName").asText(null),
              body.path("query").asText(),
              body.path("variables"));
      received.add(r);
      String response;
      try {
        response = answer.apply(r);
      } catch (RuntimeException e) {
        respond(exchange, 500, "fixture failed: " + e);
        return;
      }
      respond(exchange, 200, response);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      // the client went away (cancelled request)
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
