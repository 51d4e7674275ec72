package dev.gantry.task;

import java.util.List;
import java.util.Map;

/** What is needed to create a task; only the project and the name are required. */
public record TaskDraft(
    TaskId id,
    ProjectId projectId,
    PhaseId phaseId,
    TaskId parentId,
    String name,
    String description,
    TaskStatus status,
    Priority priority,
    Map<String, Object> metadata,
    String assigneeId,
    String assigneeType,
    List<TaskId> dependsOn) {

  public static Builder builder(ProjectId projectId, String name) {
    return new Builder(projectId, name);
  }

  /** Builder of a draft. */
  public static final class Builder {
    private TaskId id;
    private final ProjectId projectId;
    private PhaseId phaseId;
    private TaskId parentId;
    private final String name;
    private String description;
    private TaskStatus status;
    private Priority priority;
    private Map<String, Object> metadata;
    private String assigneeId;
    private String assigneeType;
    private List<TaskId> dependsOn;

    private Builder(ProjectId projectId, String name) {
      this.projectId = projectId;
      this.name = name;
    }

    public Builder id(TaskId v) {
      id = v;
      return this;
    }

    public Builder phase(PhaseId v) {
      phaseId = v;
      return this;
    }

    public Builder parent(TaskId v) {
      parentId = v;
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

    public Builder assignee(String assignee, String type) {
      assigneeId = assignee;
      assigneeType = type;
      return this;
    }

    public Builder dependsOn(List<TaskId> v) {
      dependsOn = v;
      return this;
    }

    public TaskDraft build() {
      return new TaskDraft(
          id,
          projectId,
          phaseId,
          parentId,
          name,
          description,
          status,
          priority,
          metadata,
          assigneeId,
          assigneeType,
          dependsOn);
    }
  }
}
