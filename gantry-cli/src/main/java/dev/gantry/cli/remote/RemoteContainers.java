package dev.gantry.cli.remote;

import static dev.gantry.cli.remote.GantryClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The container management API ({@code /v1/containers}) for {@code gantry containers}. */
final class RemoteContainers {
  /** How long {@code containers logs --follow} waits for the container to stop, at most. */
  static final int FOLLOW_SECONDS = 600;

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
    if (resources != null
        && (resources.memoryBytes() != null
            || resources.cpus() != null
            || resources.pidsLimit() != null)) {
      throw RemoteBackend.unsupported(
          "--memory, --cpus, --pids", "the API's container create takes the config's limits");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workflow_id", workflowId);
    body.put("image", image);
    if (name != null) {
      body.put("name", name);
    }
    body.put("environment", env == null ? Map.of() : env);
    body.put("volumes", volumes == null ? List.of() : volumes);
    body.put("command", command == null ? List.of() : command);
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
   * The API answers a followed container's logs once it stopped (or after {@value
   * #FOLLOW_SECONDS}s), so the lines come at the end rather than as they are written.
   */
  void follow(String id, Integer tail, Instant since, Consumer<String> lines) {
    String text =
        client.text(logsPath(id, tail, since, true), Duration.ofSeconds(FOLLOW_SECONDS + 30));
    text.lines().forEach(lines);
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
