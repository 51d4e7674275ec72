package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch routes over HTTP (run by {@link ServerApiIT} on its server, so every answer is
 * validated against the OpenAPI schemas): five tasks with dependencies and one failing task, whose
 * dependent ends blocked; a running batch cancelled; an Idempotency-Key replayed.
 */
final class BatchScenario {
  private final ApiClient api;

  BatchScenario(ApiClient api) {
    this.api = api;
  }

  private String task(String project, String name, String command, String... dependsOn)
      throws Exception {
    String deps =
        dependsOn.length == 0
            ? ""
            : ",\"depends_on\":[\"" + String.join("\",\"", dependsOn) + "\"]";
    String id =
        api.json(
                "POST",
                "/v1/tasks",
                "{\"project_id\":\"" + project + "\",\"name\":\"" + name + "\"" + deps + "}",
                201)
            .get("id")
            .asText();
    api.json(
        "POST",
        "/v1/tasks/" + id + "/pipelines",
        "{\"pipeline_definition\":{\"steps\":[{\"name\":\""
            + name
            + "\",\"command\":\""
            + command
            + "\"}]}}",
        201);
    return id;
  }

  void dependenciesFailuresAndBlockedTasks() throws Exception {
    String p = api.json("POST", "/v1/projects", "{\"name\":\"Release\"}", 201).get("id").asText();
    String compile = task(p, "compile", "true");
    String unit = task(p, "unit", "exit 1", compile);
    String lint = task(p, "lint", "true");
    String publish = task(p, "publish", "true", unit, lint);
    String docs = task(p, "docs", "true");

    JsonNode created =
        api.json("POST", "/v1/projects/" + p + "/workflows?status=pending", "{}", 201);
    assertThat(created.get("workflows").size()).isEqualTo(5);
    assertThat(created.get("workflows").fieldNames().next()).isIn(compile, lint, docs);
    JsonNode invalid =
        api.json("POST", "/v1/projects/" + p + "/batches", "{\"concurrency\":0}", 400);
    assertThat(invalid.toString()).contains("concurrency");
    api.json("POST", "/v1/projects/no-such-project/batches", "{}", 404);

    Map<String, String> key = Map.of("Idempotency-Key", "batch-run-1");
    String body = "{\"status\":\"in_progress\",\"concurrency\":2,\"skip_cache\":true}";
    JsonNode started = api.call("POST", "/v1/projects/" + p + "/batches", body, 202, key).json();
    assertThat(started.get("total").asInt()).isEqualTo(5);
    JsonNode again = api.call("POST", "/v1/projects/" + p + "/batches", body, 202, key).json();
    assertThat(again.get("batch_id")).isEqualTo(started.get("batch_id"));
    String b = started.get("batch_id").asText();
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> api.get("/v1/batches/" + b).get("done").asBoolean());
    JsonNode batch = api.get("/v1/batches/" + b);
    assertThat(batch.get("status").asText()).isEqualTo("failed");
    assertThat(batch.get("project_id").asText()).isEqualTo(p);
    Map<String, String> outcomes = new HashMap<>();
    Map<String, String> reasons = new HashMap<>();
    batch
        .get("tasks")
        .forEach(
            t -> {
              outcomes.put(t.get("task_id").asText(), t.get("outcome").asText());
              reasons.put(t.get("task_id").asText(), t.path("reason").asText());
            });
    assertThat(outcomes)
        .containsEntry(compile, "completed")
        .containsEntry(unit, "failed")
        .containsEntry(lint, "completed")
        .containsEntry(publish, "blocked")
        .containsEntry(docs, "completed");
    assertThat(reasons.get(publish)).contains(unit);
    assertThat(batch.get("counts").get("blocked").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/tasks/" + publish).get("status").asText()).isEqualTo("blocked");
    JsonNode late = api.json("DELETE", "/v1/batches/" + b, null, 400);
    assertThat(late.get("code").asText()).isEqualTo("not_cancellable");
    api.json("GET", "/v1/batches/batch-unknown", null, 404);
    api.json("DELETE", "/v1/batches/batch-unknown", null, 404);
  }

  private boolean executionRunning(String task) throws Exception {
    JsonNode id = api.get("/v1/tasks/" + task).path("metadata").path("workflow_execution_id");
    return !id.isMissingNode()
        && api.get("/v1/executions/" + id.asText()).get("state").asText().equals("running");
  }

  void cancelARunningBatch() throws Exception {
    String p = api.json("POST", "/v1/projects", "{\"name\":\"Slow\"}", 201).get("id").asText();
    String slow = task(p, "slow", "sleep 60");
    String after = task(p, "after", "true", slow);
    String other = api.json("POST", "/v1/projects", "{\"name\":\"Other\"}", 201).get("id").asText();
    EventsClient events = new EventsClient(api.http, api.token);
    try (EventsClient.Open mine = events.open("/v1/events?project_id=" + p);
        EventsClient.Open others = events.open("/v1/events?project_id=" + other)) {
      String b = runAndCancel(p, slow, after);
      await().atMost(Duration.ofSeconds(30)).until(() -> batchEvents(mine, b).contains("finished"));
      assertThat(batchEvents(mine, b))
          .containsSubsequence("started", "task_started", "task_ended", "finished");
      JsonNode last = EventsClient.json(mine.of("batch").get(mine.of("batch").size() - 1));
      assertThat(last.get("status").asText()).isEqualTo("cancelled");
      assertThat(last.get("counts").get("skipped").asInt()).isEqualTo(1);
      assertThat(mine.of("batch")).allMatch(e -> e.seq() == -1); // not stored: no SSE id
      assertThat(mine.of("state")).isNotEmpty();
      assertThat(others.of("batch")).isEmpty();
    }
  }

  private static List<String> batchEvents(EventsClient.Open stream, String batch) {
    List<String> types = new ArrayList<>();
    for (EventsClient.Event e : stream.of("batch")) {
      try {
        JsonNode json = EventsClient.json(e);
        if (json.get("batch_id").asText().equals(batch)) {
          types.add(json.get("type").asText());
        }
      } catch (Exception ex) {
        throw new AssertionError(ex);
      }
    }
    return types;
  }

  private String runAndCancel(String p, String slow, String after) throws Exception {
    String b =
        api.json("POST", "/v1/projects/" + p + "/batches", "{\"concurrency\":1}", 202)
            .get("batch_id")
            .asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> executionRunning(slow));
    JsonNode running = api.get("/v1/batches/" + b);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("running").asInt()).isEqualTo(1);
    JsonNode cancelled = api.json("DELETE", "/v1/batches/" + b, null, 200);
    assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    Map<String, String> outcomes = new HashMap<>();
    cancelled
        .get("tasks")
        .forEach(t -> outcomes.put(t.get("task_id").asText(), t.get("outcome").asText()));
    assertThat(outcomes).containsEntry(slow, "cancelled").containsEntry(after, "skipped");
    assertThat(api.get("/v1/tasks/" + slow).get("status").asText()).isEqualTo("cancelled");
    return b;
  }
}
