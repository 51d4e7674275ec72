package dev.gantry.cli.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.server.http.ServerJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small client of Gantry's REST API: JSON in and out with the server's own mapper ({@link
 * ServerJson#MAPPER}, so answers read back into Gantry's records), a bearer token when one is
 * configured, finite deadlines, and the API's errors turned into Gantry's exceptions. The token is
 * sent in the {@code Authorization} header only; it is never logged or part of a message.
 */
public final class GantryClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String server;
  private final String token;
  private final HttpClient http;

  /**
   * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token the bearer token, or {@code null} for a server without auth
   */
  public GantryClient(String server, String token) {
    this.server = baseUrl(server);
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** {@code url} without trailing slashes, checked to be an http(s) URL with a host. */
  public static String baseUrl(String url) {
    String u = url == null ? "" : url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(u);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new InvalidInputException(
          "--server",
          "expected the server's http:// or https:// URL such as http://127.0.0.1:8080, got '"
              + (uri != null && uri.getUserInfo() != null ? "(a URL with user info)" : u)
              + "'");
    }
    if (uri.getUserInfo() != null) {
      throw new InvalidInputException(
          "--server",
          "the URL must not carry credentials; set GANTRY_TOKEN or use --token-file instead");
    }
    return u;
  }

  public String server() {
    return server;
  }

  public <T> T get(String path, Class<T> type) {
    return read(send("GET", path, null, REQUEST_TIMEOUT), ServerJson.MAPPER.constructType(type));
  }

  public <T> T get(String path, TypeReference<T> type) {
    return read(send("GET", path, null, REQUEST_TIMEOUT), ServerJson.MAPPER.constructType(type));
  }

  /** A list held under {@code key} of a JSON object answer, e.g. {@code {"projects": [...]}}. */
  public <T> java.util.List<T> list(String path, String key, Class<T> element) {
    JsonNode node = get(path, JsonNode.class).path(key);
    JavaType type =
        ServerJson.MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, element);
    return ServerJson.MAPPER.convertValue(node, type);
  }

  public <T> T post(String path, Object body, Class<T> type) {
    return read(send("POST", path, body, REQUEST_TIMEOUT), ServerJson.MAPPER.constructType(type));
  }

  public <T> T patch(String path, Object body, Class<T> type) {
    return read(send("PATCH", path, body, REQUEST_TIMEOUT), ServerJson.MAPPER.constructType(type));
  }

  /** {@code method path} with a JSON answer, waiting at most {@code timeout}. */
  public <T> T send(String method, String path, Object body, Duration timeout, Class<T> type) {
    return read(send(method, path, body, timeout), ServerJson.MAPPER.constructType(type));
  }

  public void delete(String path) {
    send("DELETE", path, null, REQUEST_TIMEOUT);
  }

  /** A plain-text answer (container logs), waiting at most {@code timeout}. */
  public String text(String path, Duration timeout) {
    return send("GET", path, null, timeout);
  }

  /** A JSON text the server sent (an event's data) as a tree. */
  public JsonNode readTree(String text) {
    return read(text, ServerJson.MAPPER.constructType(JsonNode.class));
  }

  /** {@code value} encoded for a path segment or a query parameter. */
  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Reads a Server-Sent Events answer of {@code GET path} as it arrives, giving each event to
   * {@code events} until it answers {@code false} or the stream ends; {@code timeout} bounds the
   * wait for the answer's headers only. Answers whether {@code events} ended the stream.
   */
  public boolean events(String path, Duration timeout, SseEvents events) {
    HttpResponse<java.util.stream.Stream<String>> response =
        exchange(
            "GET", path, null, timeout, "text/event-stream", HttpResponse.BodyHandlers.ofLines());
    try (java.util.stream.Stream<String> lines = response.body()) {
      if (response.statusCode() / 100 != 2) {
        String text = String.join("\n", (Iterable<String>) lines::iterator);
        throw RemoteErrors.of(server, token != null, response.statusCode(), text);
      }
      return new SseReader(events).read(lines.iterator());
    } catch (java.io.UncheckedIOException e) {
      throw unreachable("the event stream broke off: " + e.getCause().getMessage(), e);
    }
  }

  /** Sends one request; answers the body of a 2xx answer, throws Gantry's exception otherwise. */
  String send(String method, String path, Object body, Duration timeout) {
    HttpResponse<String> response =
        exchange(
            method,
            path,
            body,
            timeout,
            "application/json",
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw RemoteErrors.of(server, token != null, response.statusCode(), response.body());
    }
    return response.body();
  }

  private <T> HttpResponse<T> exchange(
      String method,
      String path,
      Object body,
      Duration timeout,
      String accept,
      HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path)).timeout(timeout).header("Accept", accept);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(request.build(), handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while calling the Gantry server at " + server, e);
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + "s", e);
    } catch (HttpTimeoutException e) {
      throw new GantryException(
          "the Gantry server at "
              + server
              + " did not answer "
              + method
              + " "
              + path
              + " within "
              + timeout.toSeconds()
              + "s",
          e,
          true);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  private GantryException unreachable(String why, Exception cause) {
    return new GantryException(
        "cannot reach the Gantry server at "
            + server
            + ": "
            + why
            + " (is `gantry server` running there? --server / GANTRY_SERVER name it)",
        cause,
        true);
  }

  private static String json(Object body) {
    try {
      return ServerJson.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String body, JavaType type) {
    try {
      return ServerJson.MAPPER.readValue(body.isEmpty() ? "null" : body, type);
    } catch (JsonProcessingException e) {
      throw new GantryException(
          "the Gantry server at "
              + server
              + " answered something that is not the expected "
              + type.getRawClass().getSimpleName()
              + ": "
              + e.getOriginalMessage());
    }
  }
}
