package dev.gantry.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a execution. */
public record ExecutionId(@JsonValue String value) {
  public ExecutionId {
    Ids.check("execution id", value);
  }

  @JsonCreator
  public static ExecutionId of(String value) {
    return new ExecutionId(value);
  }

  public static ExecutionId random() {
    return new ExecutionId(Ids.random("execution"));
  }

  @Override
  public String toString() {
    return value;
  }
}
