package dev.gantry.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A managed container as the engine reports it.
 *
 * @param status the engine's status: {@code created}, {@code running}, {@code exited}, ...
 * @param workflowId the {@code gantry.workflow} label, or null
 * @param exitCode the exit code once the container has exited, else null
 */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String status,
    String workflowId,
    Map<String, String> labels,
    Instant createdAt,
    Integer exitCode) {
  public ContainerInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
