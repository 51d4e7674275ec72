package dev.gantry.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a project. */
public record ProjectId(@JsonValue String value) {
  public ProjectId {
    Ids.check("project id", value);
  }

  @JsonCreator
  public static ProjectId of(String value) {
    return new ProjectId(value);
  }

  public static ProjectId random() {
    return new ProjectId(Ids.random("project"));
  }

  @Override
  public String toString() {
    return value;
  }
}
