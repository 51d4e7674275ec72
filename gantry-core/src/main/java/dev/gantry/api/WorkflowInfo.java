package dev.gantry.api;

import java.time.Instant;
import java.util.Map;

/** What {@code createWorkflowFromTask} returns (the seed's {@code workflow_info}). */
public record WorkflowInfo(
    String workflowId,
    String workflowName,
    String taskId,
    String status,
    Map<String, Object> inputs,
    Instant createdAt) {}
