package dev.gantry.cli.remote;

import static dev.gantry.cli.remote.GantryClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.http.ServerJson;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tasks through {@code /v1/tasks}: drafts and patches as request bodies, listings page by page. */
final class RemoteTasks {
  static final int PAGE = 1000;

  private final GantryClient client;

  RemoteTasks(GantryClient client) {
    this.client = client;
  }

  Task create(TaskDraft d) {
    if (d.id() != null) {
      throw RemoteBackend.unsupported("--id", "the server generates task ids");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project_id", d.projectId().value());
    put(body, "phase_id", d.phaseId() == null ? null : d.phaseId().value());
    put(body, "parent_id", d.parentId() == null ? null : d.parentId().value());
    body.put("name", d.name());
    put(body, "description", d.description());
    put(body, "status", d.status() == null ? null : d.status().wireName());
    put(body, "priority", d.priority() == null ? null : d.priority().wireName());
    put(body, "metadata", d.metadata());
    put(body, "assignee_id", d.assigneeId());
    put(body, "assignee_type", d.assigneeType());
    put(body, "depends_on", ids(d.dependsOn()));
    return client.post("/v1/tasks", body, Task.class);
  }

  List<Task> list(TaskFilter f) {
    List<Task> all = new ArrayList<>();
    while (true) {
      String path =
          "/v1/tasks"
              + Query.of(
                  "project_id",
                  f.projectId() == null ? null : f.projectId().value(),
                  "phase_id",
                  f.phaseId() == null ? null : f.phaseId().value(),
                  "status",
                  f.status() == null ? null : f.status().wireName(),
                  "assignee_id",
                  f.assigneeId(),
                  "limit",
                  String.valueOf(PAGE),
                  "offset",
                  String.valueOf(all.size()));
      JsonNode page = client.get(path, JsonNode.class);
      JsonNode tasks = page.path("tasks");
      for (JsonNode t : tasks) {
        all.add(ServerJson.MAPPER.convertValue(t, Task.class));
      }
      if (tasks.isEmpty() || all.size() >= page.path("total").asInt()) {
        return all;
      }
    }
  }

  Task update(String id, TaskPatch p) {
    Map<String, Object> body = new LinkedHashMap<>();
    put(body, "name", p.name());
    put(body, "description", p.description());
    put(body, "status", p.status() == null ? null : p.status().wireName());
    put(body, "priority", p.priority() == null ? null : p.priority().wireName());
    put(body, "metadata", p.metadata());
    put(body, "progress", p.progress());
    put(body, "result", p.result());
    put(body, "error", p.error());
    if (p.assigneeId() != null || p.assigneeType() != null) {
      body.put("assignee_id", p.assigneeId());
      body.put("assignee_type", p.assigneeType());
    }
    put(body, "phase_id", p.phaseId() == null ? null : p.phaseId().value());
    put(body, "parent_id", p.parentId() == null ? null : p.parentId().value());
    put(body, "depends_on", ids(p.dependsOn()));
    return client.patch("/v1/tasks/" + enc(id), body, Task.class);
  }

  private static List<String> ids(List<TaskId> ids) {
    return ids == null ? null : ids.stream().map(TaskId::value).toList();
  }

  private static void put(Map<String, Object> body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }
}
