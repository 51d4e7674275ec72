package dev.gantry.cli.remote;

import static dev.gantry.cli.remote.GantryClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.internal.ResourceFields;
import dev.gantry.runtime.ContainerInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The container management API ({@code /v1/containers}) for {@code gantry containers}. */
final class RemoteContainers {
  /** How long {@code containers logs --follow} follows, at most (the API's limit). */
  static final int FOLLOW_SECONDS = 3600;

  private final GantryClient client;

  RemoteContainers(GantryClient client) {
    this.client = client;
  }

  ContainerInfo create(
      String workflowId,
      String image,
      String name,
      Map<String, String> env,
      List<Map<String, Object>> volumes,
      List<String> command,
      Resources resources) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workflow_id", workflowId);
    body.put("image", image);
    if (name != null) {
      body.put("name", name);
    }
    body.put("environment", env == null ? Map.of() : env);
    body.put("volumes", volumes == null ? List.of() : volumes);
    body.put("command", command == null ? List.of() : command);
    if (resources != null) {
      Map<String, Object> limits = ResourceFields.toMap(resources);
      if (!limits.isEmpty()) {
        body.put("resources", limits);
      }
    }
    return client.post("/v1/containers", body, ContainerInfo.class);
  }

  void start(String id) {
    client.post("/v1/containers/" + enc(id) + "/start", null, JsonNode.class);
  }

  void stop(String id, Integer graceSeconds) {
    client.post(
        "/v1/containers/"
            + enc(id)
            + "/stop"
            + (graceSeconds == null ? "" : "?grace_seconds=" + graceSeconds),
        null,
        JsonNode.class);
  }

  void delete(String id) {
    client.delete("/v1/containers/" + enc(id));
  }

  ContainerInfo get(String id) {
    return client.get("/v1/containers/" + enc(id), ContainerInfo.class);
  }

  List<ContainerInfo> list(String workflowId, String status) {
    return client.list(
        "/v1/containers" + Query.of("workflow_id", workflowId, "status", status),
        "containers",
        ContainerInfo.class);
  }

  String logs(String id, Integer tail, Instant since) {
    return client.text(logsPath(id, tail, since, false), GantryClient.REQUEST_TIMEOUT);
  }

  /**
   * Prints each line as the server streams it (Server-Sent Events, see docs/api.md) until the
   * stream's {@code end} event; answers the stream's error, or {@code null} when the container
   * stopped.
   */
  String follow(String id, Integer tail, Instant since, Consumer<String> lines) {
    AtomicReference<String> end = new AtomicReference<>();
    client.events(
        logsPath(id, tail, since, true),
        GantryClient.REQUEST_TIMEOUT,
        (event, seq, data) -> {
          switch (event) {
            case "log" -> lines.accept(data);
            case "end" -> end.set(data);
            default -> {
              // other events are not part of the log stream
            }
          }
          return end.get() == null;
        });
    if (end.get() == null) {
      return "the server closed the log stream of " + id + " before its end";
    }
    JsonNode why = client.readTree(end.get());
    return switch (why.path("reason").asText()) {
      case "exited" -> null;
      case "timeout" ->
          "the server stopped following after "
              + FOLLOW_SECONDS
              + "s while the container still runs; run the command again with --since to go on";
      default -> why.path("error").asText("the server reported an error");
    };
  }

  private static String logsPath(String id, Integer tail, Instant since, boolean follow) {
    return "/v1/containers/"
        + enc(id)
        + "/logs"
        + Query.of(
            "tail",
            tail == null ? null : String.valueOf(tail),
            "since",
            since == null ? null : since.toString(),
            "follow",
            follow ? "true" : null,
            "wait_seconds",
            follow ? String.valueOf(FOLLOW_SECONDS) : null);
  }
}
