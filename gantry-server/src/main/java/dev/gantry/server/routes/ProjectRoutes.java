package dev.gantry.server.routes;

import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.Requests;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.TaskService;
import java.util.List;
import java.util.Map;

/** Projects and their phases under {@code /v1}. */
public final class ProjectRoutes {
  static final List<String> PROJECT_KEYS = List.of("name", "description", "metadata");
  static final List<String> PHASE_KEYS = List.of("name", "description", "order", "metadata");

  private ProjectRoutes() {}

  public static void register(Api api, RouteContext rc) {
    TaskService tasks = rc.api().tasks();
    api.get("/v1/projects", Scope.READ, ctx -> Map.of("projects", tasks.listProjects()));
    api.post(
        "/v1/projects",
        Scope.WRITE,
        ctx -> {
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, PROJECT_KEYS);
          String name = b.fields().requiredString("name");
          String description = b.fields().string("description");
          Map<String, Object> metadata = b.object("metadata");
          b.check();
          Project p = tasks.createProject(name, description, metadata);
          ctx.status(201);
          return p;
        });
    api.get(
        "/v1/projects/{id}", Scope.READ, ctx -> tasks.getProject(projectId(ctx.pathParam("id"))));
    api.patch(
        "/v1/projects/{id}",
        Scope.WRITE,
        ctx -> {
          ProjectId id = projectId(ctx.pathParam("id"));
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, PROJECT_KEYS);
          String name = b.fields().string("name");
          String description = b.fields().string("description");
          Map<String, Object> metadata = b.object("metadata");
          b.check();
          return tasks.updateProject(id, name, description, metadata);
        });
    api.delete(
        "/v1/projects/{id}",
        Scope.WRITE,
        ctx -> {
          tasks.deleteProject(projectId(ctx.pathParam("id")));
          ctx.status(204);
          return null;
        });
    api.get(
        "/v1/projects/{id}/progress",
        Scope.READ,
        ctx -> tasks.projectProgress(projectId(ctx.pathParam("id"))));
    api.get(
        "/v1/projects/{id}/phases",
        Scope.READ,
        ctx -> Map.of("phases", tasks.listPhases(projectId(ctx.pathParam("id")))));
    api.post(
        "/v1/projects/{id}/phases",
        Scope.WRITE,
        ctx -> {
          ProjectId project = projectId(ctx.pathParam("id"));
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, PHASE_KEYS);
          String name = b.fields().requiredString("name");
          String description = b.fields().string("description");
          Integer order = b.fields().integer("order", 0);
          Map<String, Object> metadata = b.object("metadata");
          b.check();
          ctx.status(201);
          return tasks.createPhase(project, name, description, order, metadata);
        });
    api.get("/v1/phases/{id}", Scope.READ, ctx -> tasks.getPhase(phaseId(ctx.pathParam("id"))));
    api.patch(
        "/v1/phases/{id}",
        Scope.WRITE,
        ctx -> {
          PhaseId id = phaseId(ctx.pathParam("id"));
          Requests.Body b = Requests.body(ctx, false);
          TaskRoutes.known(b, PHASE_KEYS);
          String name = b.fields().string("name");
          String description = b.fields().string("description");
          Integer order = b.fields().integer("order", 0);
          Map<String, Object> metadata = b.object("metadata");
          b.check();
          return tasks.updatePhase(id, name, description, order, metadata);
        });
    api.delete(
        "/v1/phases/{id}",
        Scope.WRITE,
        ctx -> {
          tasks.deletePhase(phaseId(ctx.pathParam("id")));
          ctx.status(204);
          return null;
        });
    api.get(
        "/v1/phases/{id}/progress",
        Scope.READ,
        ctx -> tasks.phaseProgress(phaseId(ctx.pathParam("id"))));
  }

  static ProjectId projectId(String id) {
    dev.gantry.internal.Ids.check("project id", id);
    return ProjectId.of(id);
  }

  static PhaseId phaseId(String id) {
    dev.gantry.internal.Ids.check("phase id", id);
    return PhaseId.of(id);
  }
}
