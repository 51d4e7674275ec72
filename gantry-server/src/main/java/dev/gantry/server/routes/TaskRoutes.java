package dev.gantry.server.routes;

import dev.gantry.internal.Fields;
import dev.gantry.internal.Ids;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import dev.gantry.task.Priority;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import java.util.List;

/** Tasks under {@code /v1}: CRUD and filters by project, phase, status and assignee. */
public final class TaskRoutes {
  static final List<String> CREATE_KEYS =
      List.of(
          "project_id",
          "phase_id",
          "parent_id",
          "name",
          "description",
          "status",
          "priority",
          "metadata",
          "assignee_id",
          "assignee_type",
          "depends_on");
  static final List<String> PATCH_KEYS =
      List.of(
          "name",
          "description",
          "status",
          "priority",
          "metadata",
          "progress",
          "result",
          "error",
          "assignee_id",
          "assignee_type",
          "phase_id",
          "parent_id",
          "depends_on");

  private TaskRoutes() {}

  public static void register(Api api, RouteContext rc) {
    TaskService tasks = rc.api().tasks();
    api.get(
        "/v1/tasks",
        Scope.READ,
        ctx -> {
          String project = ctx.queryParam("project_id");
          String phase = ctx.queryParam("phase_id");
          String status = ctx.queryParam("status");
          TaskFilter filter =
              new TaskFilter(
                  project == null ? null : ProjectRoutes.projectId(project),
                  phase == null ? null : ProjectRoutes.phaseId(phase),
                  status == null ? null : TaskStatus.parse(status),
                  ctx.queryParam("assignee_id"));
          int limit = Requests.limit(ctx, 100);
          int offset = Requests.offset(ctx);
          var all = tasks.listTasks(filter);
          return DaggerWorkflowRoutes.page(
              "tasks", Requests.page(all, limit, offset), all.size(), limit, offset);
        });
    api.post(
        "/v1/tasks",
        Scope.WRITE,
        ctx -> {
          Requests.Body b = Requests.body(ctx, false);
          known(b, CREATE_KEYS);
          Fields f = b.fields();
          String project = f.requiredString("project_id");
          String name = f.requiredString("name");
          b.check();
          TaskDraft.Builder draft = TaskDraft.builder(ProjectRoutes.projectId(project), name);
          f.check(
              () -> {
                if (f.string("phase_id") != null) {
                  draft.phase(ProjectRoutes.phaseId(f.string("phase_id")));
                }
                if (f.string("parent_id") != null) {
                  draft.parent(taskId(f.string("parent_id")));
                }
              });
          draft.description(f.string("description"));
          f.check(() -> draft.status(enumOf(f, "status", TaskStatus::parse)));
          f.check(() -> draft.priority(enumOf(f, "priority", Priority::parse)));
          draft.metadata(b.object("metadata"));
          draft.assignee(f.string("assignee_id"), f.string("assignee_type"));
          List<String> depends = f.strings("depends_on");
          if (depends != null) {
            f.check(() -> draft.dependsOn(depends.stream().map(TaskRoutes::taskId).toList()));
          }
          b.check();
          ctx.status(201);
          return tasks.createTask(draft.build());
        });
    api.get("/v1/tasks/{id}", Scope.READ, ctx -> tasks.getTask(taskId(ctx.pathParam("id"))));
    api.patch(
        "/v1/tasks/{id}",
        Scope.WRITE,
        ctx -> {
          TaskId id = taskId(ctx.pathParam("id"));
          Requests.Body b = Requests.body(ctx, false);
          known(b, PATCH_KEYS);
          TaskPatch patch = patch(b);
          return tasks.updateTask(id, patch);
        });
    api.delete(
        "/v1/tasks/{id}",
        Scope.WRITE,
        ctx -> {
          tasks.deleteTask(taskId(ctx.pathParam("id")));
          ctx.status(204);
          return null;
        });
  }

  private static TaskPatch patch(Requests.Body b) {
    Fields f = b.fields();
    TaskPatch.Builder p = TaskPatch.builder();
    p.name(f.string("name")).description(f.string("description"));
    f.check(() -> p.status(enumOf(f, "status", TaskStatus::parse)));
    f.check(() -> p.priority(enumOf(f, "priority", Priority::parse)));
    p.metadata(b.object("metadata"));
    Integer progress = f.integer("progress", 0);
    if (progress != null && progress > 100) {
      f.problem("progress", "expected 0 to 100, got " + progress);
    } else {
      p.progress(progress);
    }
    p.result(b.object("result")).error(f.string("error"));
    if (f.has("assignee_id") || f.has("assignee_type")) {
      p.assignee(f.string("assignee_id"), f.string("assignee_type"));
    }
    f.check(
        () -> {
          if (f.string("phase_id") != null) {
            p.phaseId(ProjectRoutes.phaseId(f.string("phase_id")));
          }
          if (f.string("parent_id") != null) {
            p.parentId(taskId(f.string("parent_id")));
          }
        });
    List<String> depends = f.strings("depends_on");
    if (depends != null) {
      f.check(() -> p.dependsOn(depends.stream().map(TaskRoutes::taskId).toList()));
    }
    b.check();
    return p.build();
  }

  static <E> E enumOf(Fields f, String key, java.util.function.Function<String, E> parse) {
    String text = f.string(key);
    return text == null ? null : parse.apply(text);
  }

  static void known(Requests.Body b, List<String> keys) {
    for (String key : b.fields().unknownKeys(keys)) {
      b.fields().problem(key, "unknown key (known keys: " + String.join(", ", keys) + ")");
    }
  }

  static TaskId taskId(String id) {
    Ids.check("task id", id);
    return TaskId.of(id);
  }
}
