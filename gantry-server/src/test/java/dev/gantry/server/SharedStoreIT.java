package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one JDBC store, as two Gantry processes on one database: what one starts, the
 * other can cancel, and an {@code Idempotency-Key} used on one is known to the other.
 */
class SharedStoreIT {
  @TempDir static Path dir;
  static TestServer first;
  static TestServer second;
  static ApiClient one;
  static ApiClient two;
  static String store;

  @BeforeAll
  static void start() throws Exception {
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(docker).ensureBusybox();
    }
    store =
        "store:\n  type: jdbc\n  url: jdbc:h2:file:"
            + dir.resolve("db").resolve("gantry").toAbsolutePath()
            + "\n";
    first = new TestServer(dir, true, store, "gantry-first");
    second = new TestServer(dir, true, store, "gantry-second");
    one = new ApiClient(first.http, TestServer.WRITE);
    two = new ApiClient(second.http, TestServer.WRITE);
  }

  @AfterAll
  static void stop() {
    for (TestServer s : new TestServer[] {second, first}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private static String workflow(String command) throws Exception {
    return one.json(
            "POST",
            "/v1/dagger/workflows",
            "{\"name\":\"shared\",\"steps\":[{\"id\":\"s\",\"container\":{\"image\":\"busybox:latest\","
                + "\"command\":[\"sh\",\"-c\",\""
                + command
                + "\"]}}]}",
            201)
        .get("id")
        .asText();
  }

  private static JsonNode execution(ApiClient api, String id) throws Exception {
    return api.get("/v1/dagger/executions/" + id);
  }

  @Test
  void anExecutionOfOneServerIsCancelledThroughTheOther() throws Exception {
    String w = workflow("sleep 300");
    String id =
        one.json("POST", "/v1/dagger/workflows/" + w + "/execute", "{}", 202)
            .get("execution_id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> execution(two, id).path("steps").path("s").path("status").asText(),
            s -> s.equals("running"));
    assertThat(second.gantry.executionHandle(id)).isEmpty();

    two.call("DELETE", "/v1/dagger/executions/" + id, null, 204, Map.of());

    JsonNode cancelled = execution(two, id);
    assertThat(cancelled.get("gantry_status").asText()).isEqualTo("cancelled");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> first.gantry.executionHandle(id).map(h -> h.state().isTerminal()).orElse(true));
    assertThat(execution(one, id).get("gantry_status").asText()).isEqualTo("cancelled");
    Http.Response again = two.call("DELETE", "/v1/executions/" + id, null, 400, Map.of());
    assertThat(again.json().get("code").asText()).isEqualTo("not_cancellable");
  }

  @Test
  void anIdempotencyKeyUsedOnOneServerAnswersTheSameExecutionOnTheOther() throws Exception {
    String w = workflow("echo once");
    Map<String, String> key = Map.of("Idempotency-Key", "shared-run-1");
    String path = "/v1/dagger/workflows/" + w + "/execute";
    Http.Response started = one.call("POST", path, "{}", 202, key);
    Http.Response replayed = two.call("POST", path, "{}", 202, key);

    assertThat(replayed.json().get("execution_id")).isEqualTo(started.json().get("execution_id"));
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(started.header("Idempotent-Replayed")).isNull();
    assertThat(two.get("/v1/dagger/workflows/" + w + "/executions").get("total").asInt())
        .isEqualTo(1);
    Http.Response other = two.call("POST", path, "{}", 202, Map.of("Idempotency-Key", "run-2"));
    assertThat(other.json().get("execution_id")).isNotEqualTo(started.json().get("execution_id"));

    try (TestServer restarted = new TestServer(dir, true, store, "gantry-restarted")) {
      Http.Response again =
          new ApiClient(restarted.http, TestServer.WRITE).call("POST", path, "{}", 202, key);
      assertThat(again.json().get("execution_id")).isEqualTo(started.json().get("execution_id"));
    }
  }
}
