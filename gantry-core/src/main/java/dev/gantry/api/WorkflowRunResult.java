package dev.gantry.api;

import java.util.Map;

/**
 * What {@code executeTaskWorkflow} returns. A failed run is a result with {@code success=false} and
 * an {@code error}, not an exception.
 *
 * @param result the normalised result of the workflow type (see {@code ResultSchema})
 * @param status the execution's final state: completed, failed, timed_out or cancelled
 */
public record WorkflowRunResult(
    boolean success,
    Map<String, Object> result,
    String error,
    String workflowId,
    String executionId,
    String status) {}
