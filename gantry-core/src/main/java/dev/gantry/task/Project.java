package dev.gantry.task;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A project: the unit a set of phases and tasks belongs to. */
public record Project(
    ProjectId id,
    String name,
    String description,
    Map<String, Object> metadata,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public Project {
    Objects.requireNonNull(id, "id");
    name = TaskFields.requireName("project name", name);
    description = description == null ? "" : description;
    metadata = Maps.copy(metadata);
  }

  public Project withVersion(long newVersion, Instant now) {
    return new Project(id, name, description, metadata, createdAt, now, newVersion);
  }
}
