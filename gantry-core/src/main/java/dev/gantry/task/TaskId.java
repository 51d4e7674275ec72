package dev.gantry.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a task. */
public record TaskId(@JsonValue String value) {
  public TaskId {
    Ids.check("task id", value);
  }

  @JsonCreator
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  public static TaskId random() {
    return new TaskId(Ids.random("task"));
  }

  @Override
  public String toString() {
    return value;
  }
}
