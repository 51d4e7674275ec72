package dev.gantry.task;

/** Which tasks to list; {@code null} fields match everything. */
public record TaskFilter(
    ProjectId projectId, PhaseId phaseId, TaskStatus status, String assigneeId) {
  public static TaskFilter all() {
    return new TaskFilter(null, null, null, null);
  }

  public static TaskFilter project(ProjectId projectId) {
    return new TaskFilter(projectId, null, null, null);
  }

  public boolean matches(Task t) {
    return (projectId == null || projectId.equals(t.projectId()))
        && (phaseId == null || phaseId.equals(t.phaseId()))
        && (status == null || status == t.status())
        && (assigneeId == null || assigneeId.equals(t.assigneeId()));
  }
}
