package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route over real HTTP with the Docker runtime; each answer is validated against the OpenAPI
 * document's schema, and the last test checks that every documented operation was exercised.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerApiIT {
  @TempDir static Path dir;
  static TestServer server;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(docker).ensureBusybox();
    }
    server = new TestServer(dir, true);
    api = new ApiClient(server.http, TestServer.ADMIN);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static String id(JsonNode node, String field) {
    return node.get(field).asText();
  }

  @Test
  @Order(1)
  void systemRoutes() throws Exception {
    assertThat(api.get("/health").get("status").asText()).isEqualTo("ok");
    assertThat(api.get("/v1/circuit-breakers").get("circuit_breakers")).isNotNull();
    assertThat(api.get("/v1/cache/stats").get("enabled").asBoolean()).isTrue();
    assertThat(api.json("POST", "/v1/cache/prune", null, 200).get("removed").asInt()).isZero();
    Http.Response doc = api.call("GET", "/v1/openapi.yaml", null, 200, Map.of());
    assertThat(doc.body()).contains("/v1/dagger/workflows");
  }

  @Test
  @Order(2)
  void projectsPhasesAndTasks() throws Exception {
    JsonNode project =
        api.json(
            "POST", "/v1/projects", "{\"name\":\"Website\",\"metadata\":{\"team\":\"web\"}}", 201);
    String p = id(project, "id");
    assertThat(api.get("/v1/projects/" + p).get("name").asText()).isEqualTo("Website");
    assertThat(
            api.json("PATCH", "/v1/projects/" + p, "{\"description\":\"the site\"}", 200)
                .get("description")
                .asText())
        .isEqualTo("the site");
    assertThat(api.get("/v1/projects").get("projects")).isNotEmpty();
    JsonNode phase = api.json("POST", "/v1/projects/" + p + "/phases", "{\"name\":\"Build\"}", 201);
    String ph = id(phase, "id");
    assertThat(api.get("/v1/projects/" + p + "/phases").get("phases")).hasSize(1);
    assertThat(api.get("/v1/phases/" + ph).get("order").asInt()).isEqualTo(1);
    api.json("PATCH", "/v1/phases/" + ph, "{\"name\":\"Build it\"}", 200);
    JsonNode task =
        api.json(
            "POST",
            "/v1/tasks",
            "{\"project_id\":\""
                + p
                + "\",\"phase_id\":\""
                + ph
                + "\",\"name\":\"Compile\","
                + "\"priority\":\"high\",\"status\":\"pending\"}",
            201);
    String t = id(task, "id");
    api.json("POST", "/v1/tasks", "{\"project_id\":\"" + p + "\",\"name\":\"Later\"}", 201);
    JsonNode done =
        api.json("PATCH", "/v1/tasks/" + t, "{\"status\":\"completed\",\"progress\":100}", 200);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(api.get("/v1/tasks/" + t).get("priority").asText()).isEqualTo("high");
    assertThat(api.get("/v1/tasks?project_id=" + p).get("total").asInt()).isEqualTo(2);
    assertThat(api.get("/v1/tasks?project_id=" + p + "&status=completed").get("total").asInt())
        .isEqualTo(1);
    assertThat(api.get("/v1/projects/" + p + "/progress").get("percent").asInt()).isEqualTo(50);
    assertThat(api.get("/v1/phases/" + ph + "/progress").get("percent").asInt()).isEqualTo(100);
    api.json("DELETE", "/v1/tasks/" + t, null, 204);
    api.json("GET", "/v1/tasks/" + t, null, 404);
    api.json("DELETE", "/v1/phases/" + ph, null, 204);
    api.json("DELETE", "/v1/projects/" + p, null, 204);
    JsonNode missing = api.json("GET", "/v1/projects/" + p, null, 404);
    assertThat(missing.get("message").asText()).contains(p);
  }

  @Test
  @Order(3)
  void taskWorkflowsTemplatesAndContainers() throws Exception {
    String p = id(api.json("POST", "/v1/projects", "{\"name\":\"Runs\"}", 201), "id");
    String t =
        id(
            api.json("POST", "/v1/tasks", "{\"project_id\":\"" + p + "\",\"name\":\"Greet\"}", 201),
            "id");
    api.json(
        "POST",
        "/v1/tasks/" + t + "/pipelines",
        "{\"pipeline_definition\":{\"steps\":[{\"name\":\"hello\",\"command\":\"echo hello from the api\"}]}}",
        201);
    JsonNode wf =
        api.json("POST", "/v1/tasks/" + t + "/workflows", "{\"workflow_name\":\"greet\"}", 201);
    String w = id(wf, "workflow_id");
    Map<String, String> key = Map.of("Idempotency-Key", "task-run-1");
    JsonNode started =
        api.call("POST", "/v1/tasks/" + t + "/workflows/execute", "{\"skip_cache\":true}", 202, key)
            .json();
    JsonNode again =
        api.call("POST", "/v1/tasks/" + t + "/workflows/execute", "{\"skip_cache\":true}", 202, key)
            .json();
    assertThat(again.get("execution_id")).isEqualTo(started.get("execution_id"));
    String e = id(started, "execution_id");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api.get("/v1/tasks/" + t + "/workflows/status").path("workflow_status").asText(),
            s -> s.equals("completed"));
    assertThat(api.get("/v1/tasks/" + t + "/results").get("results")).hasSize(1);
    assertThat(api.get("/v1/workflows/" + w).get("state").asText()).isEqualTo("completed");
    assertThat(api.get("/v1/workflows/" + w + "/executions").get("executions")).hasSize(1);
    assertThat(api.get("/v1/executions/" + e).get("state").asText()).isEqualTo("completed");
    JsonNode late = api.json("DELETE", "/v1/executions/" + e, null, 400);
    assertThat(late.get("code").asText()).isEqualTo("not_cancellable");

    assertThat(api.get("/v1/templates").get("templates")).isNotEmpty();
    assertThat(api.get("/v1/templates?category=general").get("templates")).isNotEmpty();
    assertThat(api.get("/v1/templates/categories").get("categories").toString())
        .contains("general");
    assertThat(api.get("/v1/templates/shell").get("id").asText()).isEqualTo("shell");
    JsonNode converted =
        api.json(
            "POST",
            "/v1/templates/shell/convert",
            "{\"task_id\":\"" + t + "\",\"parameters\":{\"command\":\"echo converted\"}}",
            201);
    assertThat(converted.get("source").asText()).startsWith("template:shell@");

    JsonNode c =
        api.json(
            "POST",
            "/v1/containers",
            "{\"workflow_id\":\""
                + w
                + "\",\"image\":\"busybox:latest\","
                + "\"environment\":{\"WHO\":\"api\"},\"command\":[\"sh\",\"-c\",\"echo hi $WHO\"]}",
            201);
    String cid = id(c, "id");
    assertThat(api.get("/v1/containers/" + cid).get("status").asText()).isEqualTo("created");
    assertThat(api.get("/v1/containers?workflow_id=" + w).get("containers")).hasSize(1);
    api.json("POST", "/v1/containers/" + cid + "/start", null, 200);
    Http.Response logs =
        api.call(
            "GET",
            "/v1/containers/" + cid + "/logs?follow=true&wait_seconds=30",
            null,
            200,
            Map.of());
    assertThat(logs.body()).contains("hi api");
    api.json("POST", "/v1/containers/" + cid + "/stop?grace_seconds=1", null, 200);
    api.json("DELETE", "/v1/containers/" + cid, null, 204);
    api.json("GET", "/v1/containers/" + cid, null, 404);

    // limits in the body are set on the container; bad ones are named
    String limited =
        id(
            api.json(
                "POST",
                "/v1/containers",
                "{\"workflow_id\":\""
                    + w
                    + "\",\"image\":\"busybox:latest\",\"command\":[\"true\"],"
                    + "\"resources\":{\"memory\":\"64m\",\"cpus\":0.5,\"pids\":32}}",
                201),
            "id");
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      HostConfig host = docker.calls().inspectContainerCmd(limited).exec().getHostConfig();
      assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
      assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
      assertThat(host.getPidsLimit()).isEqualTo(32L);
    }
    api.json("DELETE", "/v1/containers/" + limited, null, 204);
    JsonNode bad =
        api.json(
            "POST",
            "/v1/containers",
            "{\"workflow_id\":\""
                + w
                + "\",\"image\":\"busybox:latest\",\"resources\":{\"memory\":\"1m\",\"disk\":1}}",
            400);
    assertThat(bad.get("message").asText())
        .contains("resources.memory: expected at least 6m")
        .contains("resources.disk: unknown field");

    // deleting the workflow: its executions go, an unknown one is 404
    api.json("DELETE", "/v1/workflows/no-such-workflow", null, 404);
    JsonNode deleted =
        api.json("DELETE", "/v1/workflows/" + w + "?delete_containers=true", null, 200);
    assertThat(deleted.get("workflow_id").asText()).isEqualTo(w);
    assertThat(deleted.get("executions").asInt()).isEqualTo(1);
    api.json("GET", "/v1/workflows/" + w, null, 404);
  }

  @Test
  @Order(4)
  void theSeedsContract() throws Exception {
    JsonNode wf =
        api.json(
            "POST",
            "/v1/dagger/workflows",
            """
            {"name":"hello","description":"says hello",
             "container_config":{"image":"busybox:latest","environment":{"GREETING":"hello"}},
             "steps":[
               {"id":"write","name":"Write","container":{"command":["sh","-c","mkdir -p /outputs && echo $GREETING $WHO > /outputs/msg"]},
                "outputs":["msg"],"inputs":{"WHO":"step"}},
               {"id":"read","name":"Read","depends_on":["write"],
                "container":{"command":["cat","/outputs/msg"]},"timeout_seconds":60}]}
            """,
            201);
    String w = id(wf, "id");
    assertThat(wf.get("status").asText()).isEqualTo("pending");
    assertThat(api.get("/v1/dagger/workflows").get("total").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(api.get("/v1/dagger/workflows?status=pending&limit=5&offset=0").toString())
        .contains(w);
    assertThat(api.get("/v1/dagger/workflows/" + w).get("description").asText())
        .isEqualTo("says hello");
    assertThat(
            api.json("PATCH", "/v1/dagger/workflows/" + w, "{\"name\":\"hello2\"}", 200)
                .get("name")
                .asText())
        .isEqualTo("hello2");
    Map<String, String> key = Map.of("Idempotency-Key", "dagger-run-1");
    String body =
        "{\"inputs\":{\"WHO\":\"world\"},\"workflow_defaults\":{\"caching_enabled\":false}}";
    JsonNode started =
        api.call("POST", "/v1/dagger/workflows/" + w + "/execute", body, 202, key).json();
    assertThat(started.get("status").asText()).isIn("pending", "running");
    assertThat(
            api.call("POST", "/v1/dagger/workflows/" + w + "/execute", body, 202, key)
                .json()
                .get("execution_id"))
        .isEqualTo(started.get("execution_id"));
    String e = id(started, "execution_id");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api.get("/v1/dagger/executions/" + e).get("status").asText(),
            s -> s.equals("completed"));
    JsonNode execution = api.get("/v1/dagger/executions/" + e);
    assertThat(execution.get("logs").asText()).contains("[read stdout] hello world");
    assertThat(execution.get("steps").get("read").get("status").asText()).isEqualTo("completed");
    assertThat(
            api.get("/v1/dagger/workflows/" + w + "/executions?status=completed")
                .get("total")
                .asInt())
        .isEqualTo(1);
    api.json("DELETE", "/v1/dagger/executions/" + e, null, 400);

    JsonNode slow =
        api.json(
            "POST",
            "/v1/dagger/workflows",
            "{\"name\":\"slow\",\"steps\":[{\"id\":\"wait\",\"container\":{\"image\":\"busybox:latest\","
                + "\"command\":[\"sleep\",\"60\"]}}]}",
            201);
    String running =
        id(
            api.json("POST", "/v1/dagger/workflows/" + id(slow, "id") + "/execute", null, 202),
            "execution_id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> api.get("/v1/dagger/executions/" + running).get("status").asText(),
            s -> s.equals("running"));
    api.json("DELETE", "/v1/dagger/executions/" + running, null, 204);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> api.get("/v1/dagger/executions/" + running).get("gantry_status").asText(),
            s -> s.equals("cancelled"));
    api.json("DELETE", "/v1/dagger/workflows/" + id(slow, "id"), null, 204);
    api.json("GET", "/v1/dagger/workflows/" + id(slow, "id"), null, 404);

    JsonNode agents = api.get("/v1/dagger/agents");
    assertThat(agents.get("agents").get(0).get("max_load").asInt()).isPositive();
    JsonNode agent =
        api.json(
            "POST",
            "/v1/dagger/agents",
            "{\"name\":\"builder\",\"capabilities\":[\"build\"],\"max_concurrent_executions\":2}",
            201);
    assertThat(agent.get("status").asText()).isIn("idle", "busy");
    assertThat(api.get("/v1/dagger/agents?capability=build").get("agents")).hasSize(1);
    assertThat(api.get("/v1/dagger/agents?status=idle").get("total").asInt()).isEqualTo(2);

    JsonNode pipeline =
        api.json(
            "POST",
            "/v1/dagger/pipelines",
            "{\"name\":\"p1\",\"caching_enabled\":false,\"timeout_seconds\":60,"
                + "\"pipeline_definition\":{\"steps\":[{\"name\":\"say\",\"command\":[\"sh\",\"-c\",\"echo $WHO\"]}]}}",
            201);
    String pid = id(pipeline, "id");
    assertThat(api.get("/v1/dagger/pipelines").get("total").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/dagger/pipelines/" + pid).get("name").asText()).isEqualTo("p1");
    JsonNode run =
        api.json(
            "POST",
            "/v1/dagger/pipelines/" + pid + "/execute",
            "{\"inputs\":{\"WHO\":\"pipes\"}}",
            202);
    assertThat(run.get("pipeline_id").asText()).isEqualTo(pid);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> api.get("/v1/dagger/executions/" + id(run, "execution_id")).get("logs").asText(),
            l -> l.contains("pipes"));
    api.json("DELETE", "/v1/dagger/workflows/" + w, null, 204);
  }

  @Test
  @Order(5)
  void metricsCountExecutionsStepsAndBreakers() throws Exception {
    String text = api.call("GET", "/metrics", null, 200, Map.of()).body();
    assertThat(text)
        .contains("gantry_executions{status=\"completed\"}")
        .contains("gantry_step_duration_seconds_count{status=\"completed\"}")
        .contains("gantry_workflow_cache_misses_total")
        .contains("gantry_circuit_breaker_state{name=\"docker:")
        .contains("gantry_queue_depth")
        .contains(
            "gantry_http_requests_seconds_count{method=\"GET\",route=\"/v1/dagger/executions/{id}\"");
  }

  @Test
  @Order(6)
  void eventsResumeWithoutGaps() throws Exception {
    String w =
        id(
            api.json(
                "POST",
                "/v1/dagger/workflows",
                "{\"name\":\"events\",\"steps\":[{\"id\":\"a\",\"container\":{\"image\":\"busybox:latest\","
                    + "\"command\":[\"true\"]}},{\"id\":\"b\",\"depends_on\":[\"a\"],\"container\":"
                    + "{\"image\":\"busybox:latest\",\"command\":[\"true\"]}}]}",
                201),
            "id");
    for (int i = 0; i < 2; i++) {
      String e =
          id(
              api.json(
                  "POST",
                  "/v1/dagger/workflows/" + w + "/execute",
                  "{\"workflow_defaults\":{\"caching_enabled\":false}}",
                  202),
              "execution_id");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> api.get("/v1/dagger/executions/" + e).get("status").asText(),
              s -> s.equals("completed"));
    }
    EventsClient events = new EventsClient(server.http, TestServer.ADMIN);
    var mine = events.read("/v1/events?from=0&workflow_id=" + w, Map.of(), 12);
    assertThat(mine).allSatisfy(ev -> assertThat(ev.data()).contains(w));
    var all = events.read("/v1/events?from=0", Map.of(), 20);
    assertThat(all).hasSizeGreaterThanOrEqualTo(20);
    long middle = all.get(9).seq();
    var resumed = events.read("/v1/events", Map.of("Last-Event-ID", Long.toString(middle)), 10);
    assertThat(resumed).containsExactlyElementsOf(all.subList(10, 20));
    api.covered.add("GET /v1/events");
  }

  @Test
  @Order(7)
  void batchesRunDependenciesAndBlockTheDependentsOfAFailure() throws Exception {
    new BatchScenario(api).dependenciesFailuresAndBlockedTasks();
  }

  @Test
  @Order(8)
  void aRunningBatchIsCancelled() throws Exception {
    new BatchScenario(api).cancelARunningBatch();
  }

  @Test
  @Order(9)
  void everyDocumentedOperationWasExercised() {
    assertThat(new TreeSet<>(api.covered))
        .containsExactlyInAnyOrderElementsOf(new TreeSet<>(OpenApiDoc.keys()));
  }
}
