package dev.gantry.task;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task of the task manager. {@code metadata} is a JSON object merged on update; {@code result} is
 * the normalised result of the last successful workflow.
 */
public record Task(
    TaskId id,
    ProjectId projectId,
    PhaseId phaseId,
    TaskId parentId,
    String name,
    String description,
    TaskStatus status,
    Priority priority,
    Map<String, Object> metadata,
    int progress,
    Map<String, Object> result,
    String error,
    String assigneeId,
    String assigneeType,
    List<TaskId> dependsOn,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    name = TaskFields.requireName("task name", name);
    description = description == null ? "" : description;
    status = status == null ? TaskStatus.PENDING : status;
    priority = priority == null ? Priority.MEDIUM : priority;
    metadata = Maps.copy(metadata);
    TaskFields.requireProgress(progress);
    result = result == null ? null : Maps.copy(result);
    dependsOn = Maps.list(dependsOn);
  }

  /** This task with the changes of {@code patch} applied (metadata merged, not replaced). */
  public Task apply(TaskPatch patch, Instant now) {
    return new Task(
        id,
        projectId,
        patch.phaseId() != null ? patch.phaseId() : phaseId,
        patch.parentId() != null ? patch.parentId() : parentId,
        patch.name() != null ? patch.name() : name,
        patch.description() != null ? patch.description() : description,
        patch.status() != null ? patch.status() : status,
        patch.priority() != null ? patch.priority() : priority,
        patch.metadata() != null ? Maps.merge(metadata, patch.metadata()) : metadata,
        patch.progress() != null ? patch.progress() : progress,
        patch.result() != null ? patch.result() : result,
        patch.clearError() ? null : patch.error() != null ? patch.error() : error,
        patch.assigneeId() != null ? patch.assigneeId() : assigneeId,
        patch.assigneeType() != null ? patch.assigneeType() : assigneeType,
        patch.dependsOn() != null ? patch.dependsOn() : dependsOn,
        createdAt,
        now,
        version);
  }

  public Task withVersion(long newVersion, Instant now) {
    return new Task(
        id,
        projectId,
        phaseId,
        parentId,
        name,
        description,
        status,
        priority,
        metadata,
        progress,
        result,
        error,
        assigneeId,
        assigneeType,
        dependsOn,
        createdAt,
        now,
        newVersion);
  }
}
