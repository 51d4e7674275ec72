package dev.gantry.cli.remote;

import static dev.gantry.cli.remote.GantryClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.api.BatchOutcome;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import dev.gantry.server.http.ServerJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code gantry --server URL project run}: starts a batch ({@code POST /v1/projects/{id}/batches})
 * and polls {@code GET /v1/batches/{id}}, turning each task that ended into a {@link BatchProgress}
 * event for the progress display, until the batch is done. The batch runs on the server: stopping
 * the command does not stop it ({@code DELETE /v1/batches/{id}} does).
 */
final class RemoteBatch {
  static final Duration POLL = Duration.ofMillis(300);

  private final GantryClient client;

  RemoteBatch(GantryClient client) {
    this.client = client;
  }

  BatchResult run(BatchRequest request, Consumer<BatchProgress> listener)
      throws InterruptedException {
    JsonNode started =
        client.post(
            "/v1/projects/" + enc(request.projectId()) + "/batches", body(request), JsonNode.class);
    String batchId = started.path("batch_id").asText();
    int total = started.path("total").asInt();
    Map<BatchOutcome, Integer> counts = new EnumMap<>(BatchOutcome.class);
    listener.accept(progress(batchId, "planned", null, total, 0, 0, counts));
    int seen = 0;
    while (true) {
      JsonNode view = client.get("/v1/batches/" + enc(batchId), JsonNode.class);
      List<BatchTaskResult> tasks = tasks(view);
      total = view.path("total").asInt(total);
      int running = view.path("running").asInt();
      for (; seen < tasks.size(); seen++) {
        BatchTaskResult r = tasks.get(seen);
        counts.merge(r.outcome(), 1, Integer::sum);
        listener.accept(
            progress(batchId, r.outcome().wireName(), r, total, seen + 1, running, counts));
      }
      if (view.path("done").asBoolean()) {
        return new BatchResult(
            batchId,
            view.path("project_id").asText(request.projectId()),
            request.phaseId(),
            request.status(),
            request.concurrency() == null ? 0 : request.concurrency(),
            "cancelled".equals(view.path("status").asText()),
            instant(view.path("started_at")),
            instant(view.path("finished_at")),
            tasks);
      }
      Thread.sleep(POLL.toMillis()); // the API's batch view is polled; it has no blocking wait
    }
  }

  private static Map<String, Object> body(BatchRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (r.phaseId() != null) {
      body.put("phase_id", r.phaseId());
    }
    if (r.status() != null) {
      body.put("status", r.status());
    }
    if (r.workflowType() != null) {
      body.put("workflow_type", r.workflowType());
    }
    if (!r.workflowParams().isEmpty()) {
      body.put("workflow_params", r.workflowParams());
    }
    body.put("skip_cache", r.skipCache());
    if (r.concurrency() != null) {
      body.put("concurrency", r.concurrency());
    }
    body.put("force", r.force());
    return body;
  }

  private static List<BatchTaskResult> tasks(JsonNode view) {
    List<BatchTaskResult> tasks = new ArrayList<>();
    for (JsonNode t : view.path("tasks")) {
      tasks.add(ServerJson.MAPPER.convertValue(t, BatchTaskResult.class));
    }
    return tasks;
  }

  private static BatchProgress progress(
      String batchId,
      String event,
      BatchTaskResult result,
      int total,
      int finished,
      int running,
      Map<BatchOutcome, Integer> counts) {
    return new BatchProgress(
        batchId,
        event,
        result == null ? null : result.taskId(),
        result,
        total,
        finished,
        running,
        counts.getOrDefault(BatchOutcome.COMPLETED, 0),
        counts.getOrDefault(BatchOutcome.FAILED, 0),
        counts.getOrDefault(BatchOutcome.BLOCKED, 0),
        counts.getOrDefault(BatchOutcome.SKIPPED, 0),
        counts.getOrDefault(BatchOutcome.CANCELLED, 0));
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }
}
