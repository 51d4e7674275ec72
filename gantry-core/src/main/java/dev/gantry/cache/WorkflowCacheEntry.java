package dev.gantry.cache;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.Map;

/**
 * One cached successful workflow run: what {@code executeTaskWorkflow} returns on a hit.
 *
 * @param key the key's {@link WorkflowCacheKey#id()}
 * @param workflowId the workflow of the execution that produced the result
 * @param executionId that execution
 * @param result the normalised result the result processor stored for it
 */
public record WorkflowCacheEntry(
    String key,
    String taskId,
    String workflowType,
    String workflowId,
    String executionId,
    String status,
    Map<String, Object> result,
    Instant createdAt,
    Instant expiresAt) {
  public WorkflowCacheEntry {
    result = Maps.copy(result);
  }
}
