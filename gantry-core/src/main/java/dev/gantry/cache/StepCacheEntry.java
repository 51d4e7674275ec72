package dev.gantry.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.internal.Maps;
import dev.gantry.workflow.ArtifactRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A successful step run kept in the step cache: what a hit restores (outputs, exit code, the logs
 * as stored, with secrets already redacted) and where it came from.
 *
 * @param key the step cache key ({@link StepCacheKey#digest()})
 * @param executionId the execution whose step produced it
 * @param containerId the container that ran it
 */
public record StepCacheEntry(
    String key,
    String step,
    @JsonProperty("image_id") String imageId,
    @JsonProperty("exit_code") int exitCode,
    String stdout,
    String stderr,
    List<ArtifactRef> outputs,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("execution_id") String executionId,
    @JsonProperty("container_id") String containerId) {
  public StepCacheEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    outputs = Maps.list(outputs);
  }
}
