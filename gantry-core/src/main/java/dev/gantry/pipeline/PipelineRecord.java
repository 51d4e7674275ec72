package dev.gantry.pipeline;

import dev.gantry.internal.Maps;
import dev.gantry.task.TaskId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline stored for a task: its spec and where it came from ({@code source} is {@code custom}
 * or {@code template:<id>@<version>}, with the final parameters).
 */
public record PipelineRecord(
    PipelineId id,
    TaskId taskId,
    PipelineSpec spec,
    String source,
    Map<String, Object> parameters,
    Instant createdAt) {
  public PipelineRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(spec, "spec");
    source = source == null ? "custom" : source;
    parameters = Maps.copy(parameters);
  }
}
