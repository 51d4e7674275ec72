package dev.gantry.task;

import dev.gantry.internal.Maps;
import java.util.List;
import java.util.Map;

/**
 * Changes to a task; {@code null} fields are left as they are. {@code metadata} is merged into the
 * task's metadata.
 */
public record TaskPatch(
    String name,
    String description,
    TaskStatus status,
    Priority priority,
    Map<String, Object> metadata,
    Integer progress,
    Map<String, Object> result,
    String error,
    boolean clearError,
    String assigneeId,
    String assigneeType,
    PhaseId phaseId,
    TaskId parentId,
    List<TaskId> dependsOn) {
  public TaskPatch {
    if (progress != null) {
      TaskFields.requireProgress(progress);
    }
    metadata = metadata == null ? null : Maps.copy(metadata);
    result = result == null ? null : Maps.copy(result);
    dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for a patch. */
  public static final class Builder {
    private String name;
    private String description;
    private TaskStatus status;
    private Priority priority;
    private Map<String, Object> metadata;
    private Integer progress;
    private Map<String, Object> result;
    private String error;
    private boolean clearError;
    private String assigneeId;
    private String assigneeType;
    private PhaseId phaseId;
    private TaskId parentId;
    private List<TaskId> dependsOn;

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder status(TaskStatus v) {
      status = v;
      return this;
    }

    public Builder priority(Priority v) {
      priority = v;
      return this;
    }

    public Builder metadata(Map<String, Object> v) {
      metadata = v;
      return this;
    }

    public Builder progress(Integer v) {
      progress = v;
      return this;
    }

    public Builder result(Map<String, Object> v) {
      result = v;
      return this;
    }

    public Builder error(String v) {
      error = v;
      return this;
    }

    public Builder clearError() {
      clearError = true;
      return this;
    }

    public Builder assignee(String id, String type) {
      assigneeId = id;
      assigneeType = type;
      return this;
    }

    public Builder phaseId(PhaseId v) {
      phaseId = v;
      return this;
    }

    public Builder parentId(TaskId v) {
      parentId = v;
      return this;
    }

    public Builder dependsOn(List<TaskId> v) {
      dependsOn = v;
      return this;
    }

    public TaskPatch build() {
      return new TaskPatch(
          name,
          description,
          status,
          priority,
          metadata,
          progress,
          result,
          error,
          clearError,
          assigneeId,
          assigneeType,
          phaseId,
          parentId,
          dependsOn);
    }
  }
}
