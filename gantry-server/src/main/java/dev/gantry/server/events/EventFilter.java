package dev.gantry.server.events;

/** Which events a client wants; {@code null} fields match everything. */
public record EventFilter(String projectId, String taskId, String workflowId) {
  public boolean matches(StateEvent e) {
    return (projectId == null || projectId.equals(e.projectId()))
        && (taskId == null || taskId.equals(e.taskId()))
        && (workflowId == null || workflowId.equals(e.workflowId()));
  }

  /** A batch event matches by project; with a task or workflow filter only that task's events. */
  public boolean matches(BatchEvent e) {
    return (projectId == null || projectId.equals(e.projectId()))
        && (taskId == null || taskId.equals(e.taskId()))
        && (workflowId == null || workflowId.equals(e.workflowId()));
  }
}
