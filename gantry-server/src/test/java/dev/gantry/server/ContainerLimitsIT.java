package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/containers} with {@code resources} is held to the server's {@code
 * runtime.max_resources}: above a cap is a 400 naming the limit and its cap, and nothing is
 * created; within it the limits are set; without it the container gets {@code
 * runtime.default_resources}.
 */
class ContainerLimitsIT {
  @TempDir static Path dir;
  static TestServer server;
  static ApiClient api;
  static DockerEngine docker;
  static String workflow;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    server =
        new TestServer(
            dir,
            true,
            "store:\n  type: memory\nruntime:\n  max_resources:\n    memory: 1g\n    pids: 300\n",
            TestServer.OWNER);
    api = new ApiClient(server.http, TestServer.WRITE);
    workflow =
        api.json(
                "POST",
                "/v1/dagger/workflows",
                "{\"name\":\"limits\",\"steps\":[{\"id\":\"s\",\"container\":"
                    + "{\"image\":\"busybox:latest\",\"command\":[\"true\"]}}]}",
                201)
            .get("id")
            .asText();
  }

  @AfterAll
  static void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      docker.close();
    }
  }

  private static JsonNode create(String resources, int status) throws Exception {
    return api.json(
        "POST",
        "/v1/containers",
        "{\"workflow_id\":\""
            + workflow
            + "\",\"image\":\"busybox:latest\",\"command\":[\"true\"]"
            + (resources == null ? "" : ",\"resources\":" + resources)
            + "}",
        status);
  }

  private static HostConfig host(String id) {
    return docker.calls().inspectContainerCmd(id).exec().getHostConfig();
  }

  @Test
  void aboveTheCapIsRefusedAndNothingIsCreated() throws Exception {
    JsonNode refused = create("{\"memory\":\"2g\",\"pids\":500,\"cpus\":4}", 400);

    assertThat(refused.get("message").asText())
        .contains("resources.memory: at most 1g is allowed (runtime.max_resources.memory)")
        .contains("resources.pids: at most 300 is allowed (runtime.max_resources.pids)")
        .doesNotContain("resources.cpus");
    assertThat(api.get("/v1/containers?workflow_id=" + workflow).get("containers")).isEmpty();
  }

  @Test
  void withinTheCapTheLimitsAreSetAndDefaultsFillTheRest() throws Exception {
    String asked = create("{\"memory\":\"1g\",\"cpus\":0.5}", 201).get("id").asText();
    String plain = create(null, 201).get("id").asText();
    try {
      assertThat(host(asked).getMemory()).isEqualTo(1024L * 1024 * 1024);
      assertThat(host(asked).getNanoCPUs()).isEqualTo(500_000_000L);
      assertThat(host(asked).getPidsLimit()).isEqualTo(256L);
      assertThat(host(plain).getMemory()).isEqualTo(512L * 1024 * 1024);
      assertThat(host(plain).getPidsLimit()).isEqualTo(256L);
    } finally {
      api.json("DELETE", "/v1/containers/" + asked, null, 204);
      api.json("DELETE", "/v1/containers/" + plain, null, 204);
    }
  }

  @Test
  void whatTheEngineRefusesIsA400WithItsReason() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    JsonNode refused = create("{\"cpus\":" + (cpus + 62) + "}", 400);

    assertThat(refused.get("message").asText())
        .contains("container: the Docker engine refused to create a container from busybox:latest")
        .containsIgnoringCase("cpu")
        .doesNotContain("Status 400");
    assertThat(api.get("/v1/containers?workflow_id=" + workflow).get("containers")).isEmpty();
  }
}
