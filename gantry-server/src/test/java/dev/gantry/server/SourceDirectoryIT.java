package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contract pipeline's {@code source_directory}: its files are what the steps read at /source. */
class SourceDirectoryIT {
  @TempDir static Path dir;
  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(docker).ensureBusybox();
    }
    server = new TestServer(dir, true);
    api = new ApiClient(server.http, TestServer.WRITE);
    Path src = Files.createDirectories(dir.resolve("workflows").resolve("app").resolve("conf"));
    Files.writeString(src.resolve("settings.txt"), "greeting from the source directory\n");
    Files.createSymbolicLink(dir.resolve("workflows").resolve("escape"), Path.of("/etc"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String pipeline(String source) throws Exception {
    return api.json(
            "POST",
            "/v1/dagger/pipelines",
            "{\"name\":\"reads-source\",\"source_directory\":\""
                + source
                + "\",\"caching_enabled\":false,\"pipeline_definition\":{\"steps\":[{\"name\":\"read\","
                + "\"command\":[\"cat\",\"/source/conf/settings.txt\"]}]}}",
            201)
        .get("id")
        .asText();
  }

  @Test
  void aStepReadsAFileOfTheSourceDirectory() throws Exception {
    String id = pipeline("app");
    assertThat(api.get("/v1/dagger/pipelines/" + id).get("source_directory").asText())
        .isEqualTo("app");
    String execution =
        api.json("POST", "/v1/dagger/pipelines/" + id + "/execute", "{}", 202)
            .get("execution_id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api.get("/v1/dagger/executions/" + execution),
            e -> !e.get("status").asText().matches("pending|running"));
    JsonNode done = api.get("/v1/dagger/executions/" + execution);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.get("logs").asText()).contains("greeting from the source directory");
  }

  @Test
  void theExecuteBodyNamesAnotherSourceDirectory() throws Exception {
    Path other = Files.createDirectories(dir.resolve("workflows").resolve("other").resolve("conf"));
    Files.writeString(other.resolve("settings.txt"), "the other directory\n");
    String id = pipeline("app");
    String execution =
        api.json(
                "POST",
                "/v1/dagger/pipelines/" + id + "/execute",
                "{\"source_directory\":\"" + other.getParent() + "\"}",
                202)
            .get("execution_id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api.get("/v1/dagger/executions/" + execution).get("logs").asText(),
            l -> l.contains("the other directory"));
  }

  @Test
  void aSourceDirectoryOutsideTheAllowedPathsIsRefused() throws Exception {
    for (String bad : new String[] {"../..", "/etc", "escape", "app/conf/settings.txt", "nope"}) {
      JsonNode error =
          api.json(
              "POST",
              "/v1/dagger/pipelines",
              "{\"name\":\"bad\",\"source_directory\":\""
                  + bad
                  + "\",\"pipeline_definition\":{\"steps\":[{\"name\":\"s\",\"command\":\"true\"}]}}",
              400);
      assertThat(error.get("message").asText()).as(bad).contains("source_directory");
    }
    String id = pipeline("app");
    JsonNode error =
        api.json(
            "POST",
            "/v1/dagger/pipelines/" + id + "/execute",
            "{\"source_directory\":\"/proc\"}",
            400);
    assertThat(error.get("message").asText()).contains("source_directory");
  }
}
