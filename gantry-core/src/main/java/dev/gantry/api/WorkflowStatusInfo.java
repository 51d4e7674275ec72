package dev.gantry.api;

/**
 * What {@code getWorkflowStatus(taskId)} returns, read from the task's workflow metadata and its
 * latest execution.
 */
public record WorkflowStatusInfo(
    String taskId,
    String taskStatus,
    String workflowId,
    String workflowStatus,
    String workflowType,
    String executionId,
    String workflowCreatedAt,
    String workflowStartedAt,
    String workflowCompletedAt,
    String workflowFailedAt,
    String workflowError) {}
