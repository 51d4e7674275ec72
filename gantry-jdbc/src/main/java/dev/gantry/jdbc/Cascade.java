package dev.gantry.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The deletes that go with a task: its pipelines, workflows, their executions, the transitions of
 * those workflows and executions, and the results. Runs inside the caller's transaction.
 */
final class Cascade {
  private Cascade() {}

  /**
   * Deletes what belongs to the tasks that {@code taskIds} selects ({@code ?} or a sub-query with
   * one {@code ?} per use), binding {@code param} to every placeholder. The tasks stay.
   */
  static void deleteTaskChildren(Connection c, String taskIds, String param) throws SQLException {
    String workflows = "SELECT id FROM workflows WHERE task_id IN (" + taskIds + ")";
    String executions =
        "SELECT id FROM executions WHERE task_id IN ("
            + taskIds
            + ") OR workflow_id IN ("
            + workflows
            + ")";
    Database.update(
        c,
        "DELETE FROM transitions WHERE entity_id IN ("
            + workflows
            + ") OR entity_id IN ("
            + executions
            + ")",
        param);
    Database.update(
        c,
        "DELETE FROM results WHERE task_id IN ("
            + taskIds
            + ") OR execution_id IN ("
            + executions
            + ")",
        param);
    Database.update(c, "DELETE FROM leases WHERE execution_id IN (" + executions + ")", param);
    Database.update(
        c,
        "DELETE FROM executions WHERE task_id IN ("
            + taskIds
            + ") OR workflow_id IN ("
            + workflows
            + ")",
        param);
    Database.update(c, "DELETE FROM workflows WHERE task_id IN (" + taskIds + ")", param);
    Database.update(c, "DELETE FROM pipelines WHERE task_id IN (" + taskIds + ")", param);
  }

  /** Deletes a workflow's executions, their results and the transitions of both; it stays. */
  static void deleteWorkflowChildren(Connection c, String workflowId) throws SQLException {
    String executions = "SELECT id FROM executions WHERE workflow_id = ?";
    Database.update(
        c,
        "DELETE FROM transitions WHERE entity_id = ? OR entity_id IN (" + executions + ")",
        workflowId);
    Database.update(
        c, "DELETE FROM results WHERE execution_id IN (" + executions + ")", workflowId);
    Database.update(c, "DELETE FROM executions WHERE workflow_id = ?", workflowId);
  }
}
