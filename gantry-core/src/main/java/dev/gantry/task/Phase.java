package dev.gantry.task;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A phase of a project. Phases are ordered by {@link #order()}. */
public record Phase(
    PhaseId id,
    ProjectId projectId,
    String name,
    String description,
    int order,
    Map<String, Object> metadata,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Phase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projectId, "projectId");
    name = TaskFields.requireName("phase name", name);
    description = description == null ? "" : description;
    metadata = Maps.copy(metadata);
  }

  public Phase withVersion(long newVersion, Instant now) {
    return new Phase(id, projectId, name, description, order, metadata, createdAt, now, newVersion);
  }
}
