package dev.gantry.task;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.internal.Maps;
import dev.gantry.store.StaleVersionException;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The task manager: projects, ordered phases and tasks, with validation, merged metadata and
 * progress. Updates re-read and re-apply on a concurrent change (optimistic locking).
 */
public final class TaskService {
  private static final int MAX_TRIES = 10;

  private final Store store;
  private final Clock clock;

  public TaskService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  // ---- projects

  public Project createProject(String name, String description, Map<String, Object> metadata) {
    return createProject(ProjectId.random(), name, description, metadata);
  }

  public Project createProject(
      ProjectId id, String name, String description, Map<String, Object> metadata) {
    Instant now = clock.instant();
    return store.insertProject(new Project(id, name, description, metadata, now, now, 0));
  }

  public Project getProject(ProjectId id) {
    return store.findProject(id).orElseThrow(() -> new NotFoundException("project", id.value()));
  }

  public List<Project> listProjects() {
    return store.listProjects();
  }

  /** Changes name and description (when not null) and merges {@code metadata}. */
  public Project updateProject(
      ProjectId id, String name, String description, Map<String, Object> metadata) {
    return retry(
        () -> {
          Project p = getProject(id);
          return store.updateProject(
              new Project(
                  id,
                  name != null ? name : p.name(),
                  description != null ? description : p.description(),
                  metadata != null ? Maps.merge(p.metadata(), metadata) : p.metadata(),
                  p.createdAt(),
                  clock.instant(),
                  p.version()));
        });
  }

  public void deleteProject(ProjectId id) {
    if (!store.deleteProject(id)) {
      throw new NotFoundException("project", id.value());
    }
  }

  public Progress projectProgress(ProjectId id) {
    getProject(id);
    return Progress.of(store.listTasks(TaskFilter.project(id)));
  }

  // ---- phases

  /** Creates a phase; {@code order} null puts it after the project's last phase. */
  public Phase createPhase(
      ProjectId projectId,
      String name,
      String description,
      Integer order,
      Map<String, Object> metadata) {
    return createPhase(PhaseId.random(), projectId, name, description, order, metadata);
  }

  public Phase createPhase(
      PhaseId id,
      ProjectId projectId,
      String name,
      String description,
      Integer order,
      Map<String, Object> metadata) {
    getProject(projectId);
    int position =
        order != null
            ? order
            : store.listPhases(projectId).stream().mapToInt(Phase::order).max().orElse(0) + 1;
    Instant now = clock.instant();
    return store.insertPhase(
        new Phase(id, projectId, name, description, position, metadata, now, now, 0));
  }

  public Phase getPhase(PhaseId id) {
    return store.findPhase(id).orElseThrow(() -> new NotFoundException("phase", id.value()));
  }

  public List<Phase> listPhases(ProjectId projectId) {
    getProject(projectId);
    return store.listPhases(projectId);
  }

  public Phase updatePhase(
      PhaseId id, String name, String description, Integer order, Map<String, Object> metadata) {
    return retry(
        () -> {
          Phase p = getPhase(id);
          return store.updatePhase(
              new Phase(
                  id,
                  p.projectId(),
                  name != null ? name : p.name(),
                  description != null ? description : p.description(),
                  order != null ? order : p.order(),
                  metadata != null ? Maps.merge(p.metadata(), metadata) : p.metadata(),
                  p.createdAt(),
                  clock.instant(),
                  p.version()));
        });
  }

  public void deletePhase(PhaseId id) {
    if (!store.deletePhase(id)) {
      throw new NotFoundException("phase", id.value());
    }
  }

  public Progress phaseProgress(PhaseId id) {
    Phase phase = getPhase(id);
    return Progress.of(store.listTasks(new TaskFilter(phase.projectId(), id, null, null)));
  }

  // ---- tasks

  public Task createTask(TaskDraft draft) {
    if (draft.projectId() == null) {
      throw new InvalidInputException("project_id", "is required");
    }
    getProject(draft.projectId());
    checkPlacement(draft.projectId(), draft.phaseId(), draft.parentId());
    TaskId id = draft.id() != null ? draft.id() : TaskId.random();
    if (draft.dependsOn() != null) {
      checkDependencies(draft.projectId(), id, draft.dependsOn());
    }
    Instant now = clock.instant();
    Task task =
        new Task(
            id,
            draft.projectId(),
            draft.phaseId(),
            draft.parentId(),
            draft.name(),
            draft.description(),
            draft.status(),
            draft.priority(),
            draft.metadata(),
            0,
            null,
            null,
            draft.assigneeId(),
            draft.assigneeType(),
            draft.dependsOn(),
            now,
            now,
            0);
    return store.insertTask(task);
  }

  public Task getTask(TaskId id) {
    return store.findTask(id).orElseThrow(() -> new NotFoundException("task", id.value()));
  }

  public List<Task> listTasks(TaskFilter filter) {
    return store.listTasks(filter);
  }

  /** Applies {@code patch} (metadata merged); re-applies it if the task changed meanwhile. */
  public Task updateTask(TaskId id, TaskPatch patch) {
    return updateTask(id, t -> patch);
  }

  /**
   * Applies {@code patch} to {@code known}, a task just read, without reading it again; re-reads
   * and re-applies it if the task changed since (as {@link #updateTask(TaskId, TaskPatch)}).
   */
  public Task updateTask(Task known, TaskPatch patch) {
    if (patch.phaseId() == null && patch.parentId() == null) {
      try {
        return store.updateTask(known.apply(patch, clock.instant()));
      } catch (StaleVersionException e) {
        // changed meanwhile: read it again below
      }
    }
    return updateTask(known.id(), patch);
  }

  /** Applies the patch computed from the current task, re-reading on a concurrent change. */
  public Task updateTask(TaskId id, Function<Task, TaskPatch> change) {
    return retry(
        () -> {
          Task current = getTask(id);
          TaskPatch patch = change.apply(current);
          if (patch.phaseId() != null || patch.parentId() != null) {
            checkPlacement(current.projectId(), patch.phaseId(), patch.parentId());
          }
          if (id.equals(patch.parentId())) {
            throw new InvalidInputException("parent_id", "a task cannot be its own parent");
          }
          if (patch.dependsOn() != null && !patch.dependsOn().equals(current.dependsOn())) {
            checkDependencies(current.projectId(), id, patch.dependsOn());
          }
          return store.updateTask(current.apply(patch, clock.instant()));
        });
  }

  public void deleteTask(TaskId id) {
    if (!store.deleteTask(id)) {
      throw new NotFoundException("task", id.value());
    }
  }

  private void checkPlacement(ProjectId projectId, PhaseId phaseId, TaskId parentId) {
    if (phaseId != null && !getPhase(phaseId).projectId().equals(projectId)) {
      throw new InvalidInputException(
          "phase_id",
          "phase '" + phaseId + "' belongs to another project than '" + projectId + "'");
    }
    if (parentId != null && !getTask(parentId).projectId().equals(projectId)) {
      throw new InvalidInputException(
          "parent_id",
          "task '" + parentId + "' belongs to another project than '" + projectId + "'");
    }
  }

  /**
   * The dependencies of task {@code id} exist, are in its project, are not itself, and do not close
   * a cycle with the project's other tasks.
   */
  private void checkDependencies(ProjectId projectId, TaskId id, List<TaskId> dependsOn) {
    for (int i = 0; i < dependsOn.size(); i++) {
      TaskId dep = dependsOn.get(i);
      String path = "depends_on[" + i + "]";
      if (dep.equals(id)) {
        throw new InvalidInputException(path, "a task cannot depend on itself");
      }
      Task found =
          store
              .findTask(dep)
              .orElseThrow(() -> new InvalidInputException(path, "unknown task '" + dep + "'"));
      if (!found.projectId().equals(projectId)) {
        throw new InvalidInputException(
            path, "task '" + dep + "' belongs to another project than '" + projectId + "'");
      }
    }
    Map<TaskId, List<TaskId>> graph =
        new LinkedHashMap<>(TaskDependencies.of(store.listTasks(TaskFilter.project(projectId))));
    graph.put(id, dependsOn);
    TaskDependencies.findCycle(graph)
        .ifPresent(
            cycle -> {
              throw new InvalidInputException("depends_on", TaskDependencies.describe(cycle));
            });
  }

  private static <T> T retry(Supplier<T> write) {
    for (int tries = 1; ; tries++) {
      try {
        return write.get();
      } catch (StaleVersionException e) {
        if (tries >= MAX_TRIES) {
          throw e;
        }
      }
    }
  }
}
