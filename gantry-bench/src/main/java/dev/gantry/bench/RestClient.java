package dev.gantry.bench;

import dev.gantry.GantryException;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A REST client of gantry-server as a user's program would write one: one {@link HttpClient}
 * (HTTP/1.1, connections kept alive and shared by its callers), JSON bodies, no token (the server
 * serves loopback without authentication when none is configured).
 */
final class RestClient {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  /** {@code base}: e.g. {@code http://127.0.0.1:8080}. */
  RestClient(String base) {
    this.base = base;
  }

  /** POSTs {@code body} as JSON; the answer's JSON object, or an error naming the route. */
  Map<String, Object> post(String path, Map<String, Object> body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    HttpResponse<String> r = send(request);
    if (r.statusCode() / 100 != 2) {
      throw new GantryException(
          "POST " + path + " answered " + r.statusCode() + ", expected 2xx: " + r.body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = Json.read(r.body(), Map.class);
    return answer;
  }

  /** {@code GET path}: the answer's JSON object, or an error naming the route. */
  Map<String, Object> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build();
    HttpResponse<String> r = send(request);
    if (r.statusCode() != 200) {
      throw new GantryException(
          "GET " + path + " answered " + r.statusCode() + ", expected 200: " + r.body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = Json.read(r.body(), Map.class);
    return answer;
  }

  /** The status of {@code GET path}, or -1 when nothing answers (connection refused). */
  int status(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while calling GET " + path);
    }
  }

  /** A project; its id. */
  String project(String name) {
    return (String) post("/v1/projects", Map.of("name", name)).get("id");
  }

  /** A task of {@code project} with {@code pipelineYaml} as its custom pipeline; its id. */
  String task(String project, String name, String pipelineYaml) {
    String task = (String) post("/v1/tasks", Map.of("project_id", project, "name", name)).get("id");
    post("/v1/tasks/" + task + "/pipelines", Map.of("pipeline_definition", pipelineYaml));
    return task;
  }

  /** {@code POST /v1/tasks/{id}/workflows/execute}; the answer (execution_id, status, cached). */
  Map<String, Object> execute(String task, boolean skipCache) {
    return post(
        "/v1/tasks/" + task + "/workflows/execute",
        Map.of(
            "workflow_type",
            GantrySession.TYPE,
            "workflow_params",
            GantrySession.PARAMS,
            "skip_cache",
            skipCache));
  }

  /** An execute that must be answered from the workflow cache. */
  void cacheHit(String task) {
    Map<String, Object> answer = execute(task, false);
    if (!Boolean.TRUE.equals(answer.get("cached"))) {
      throw new GantryException(
          "REST execute of task " + task + " expected a cache hit: " + answer);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GantryException(
          request.method() + " " + request.uri() + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while calling " + request.uri());
    }
  }
}
