package dev.gantry.server.dagger;

import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.TaskService;
import java.util.Map;

/**
 * The project that holds the API's workflows, pipelines and agents: Gantry's workflows belong to
 * tasks, so a contract workflow or pipeline is a task of this project (see docs/architecture.md).
 */
public final class InternalProject {
  public static final String ID = "gantry-api";
  public static final String MARKER = "gantry_internal";

  private final TaskService tasks;
  private volatile Project project;

  public InternalProject(TaskService tasks) {
    this.tasks = tasks;
  }

  public synchronized ProjectId id() {
    if (project == null) {
      ProjectId id = ProjectId.of(ID);
      project =
          tasks.listProjects().stream()
              .filter(p -> p.id().equals(id))
              .findFirst()
              .orElseGet(
                  () ->
                      tasks.createProject(
                          id,
                          "API workflows",
                          "Workflows, pipelines and agents created through /v1/dagger",
                          Map.of(MARKER, true)));
    }
    return project.id();
  }

  public Project project() {
    return tasks.getProject(id());
  }
}
