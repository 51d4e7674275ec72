package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/containers/{id}/logs?follow=true} streams lines while the container runs. */
class ContainerLogsFollowIT {
  @TempDir static Path dir;
  static TestServer server;
  static ApiClient api;
  static String workflow;

  @BeforeAll
  static void start() throws Exception {
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(docker).ensureBusybox();
    }
    server = new TestServer(dir, true);
    api = new ApiClient(server.http, TestServer.ADMIN);
    workflow =
        api.json(
                "POST",
                "/v1/dagger/workflows",
                "{\"name\":\"w\",\"steps\":[{\"id\":\"s\",\"container\":{\"image\":\"busybox:latest\","
                    + "\"command\":[\"true\"]}}]}",
                201)
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String container(String script) throws Exception {
    String id =
        api.json(
                "POST",
                "/v1/containers",
                "{\"workflow_id\":\""
                    + workflow
                    + "\",\"image\":\"busybox:latest\",\"command\":[\"sh\",\"-c\",\""
                    + script
                    + "\"]}",
                201)
            .get("id")
            .asText();
    api.json("POST", "/v1/containers/" + id + "/start", null, 200);
    return id;
  }

  /** Opens the follow and collects its lines on another thread. */
  private static Stream<String> follow(String id, List<String> lines) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(server.http.base + "/v1/containers/" + id + "/logs?follow=true"))
            .header("Authorization", "Bearer " + TestServer.READ)
            .build();
    HttpResponse<Stream<String>> r =
        server
            .http
            .client
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    Stream<String> body = r.body();
    CompletableFuture.runAsync(
        () -> {
          try {
            body.forEach(lines::add);
          } catch (RuntimeException e) {
            lines.add("closed: " + e);
          }
        });
    return body;
  }

  private static String status(String id) throws Exception {
    return api.get("/v1/containers/" + id).get("status").asText();
  }

  private static double follows() throws Exception {
    String metrics = server.http.send("GET", "/metrics", null, TestServer.READ).body();
    return metrics
        .lines()
        .filter(l -> l.startsWith("gantry_log_follows "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void linesArriveWhileTheContainerRunsAndTheStreamEndsWhenItStops() throws Exception {
    String id =
        container("echo first; trap 'echo second; exit 0' TERM; while true; do sleep 0.1; done");
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Stream<String> ignored = follow(id, lines)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("data: first"));
      assertThat(lines).doesNotContain("data: second");
      assertThat(status(id)).isEqualTo("running");

      api.json("POST", "/v1/containers/" + id + "/stop?grace_seconds=10", null, 200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lines.stream().anyMatch(l -> l.contains("\"reason\":\"exited\"")));
      assertThat(lines).contains("data: second", "id: 1", "id: 2", "event: end");
      assertThat(lines.indexOf("data: second")).isLessThan(lines.indexOf("event: end"));
    }
    api.json("DELETE", "/v1/containers/" + id, null, 204);
  }

  @Test
  void aClientThatLeavesEndsTheFollow() throws Exception {
    String id = container("echo hello; while true; do sleep 0.1; done");
    List<String> lines = new CopyOnWriteArrayList<>();
    Stream<String> body = follow(id, lines);
    await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("data: hello"));
    assertThat(follows()).isEqualTo(1.0);

    body.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> follows() == 0.0);
    assertThat(status(id)).isEqualTo("running");
    api.json("DELETE", "/v1/containers/" + id, null, 204);
  }

  @Test
  void aBadFollowValueNamesTheParameter() throws Exception {
    Http.Response r =
        api.call("GET", "/v1/containers/no-such/logs?follow=maybe", null, 400, java.util.Map.of());
    assertThat(r.json().get("message").asText()).contains("query.follow");
  }
}
