package dev.gantry.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a phase. */
public record PhaseId(@JsonValue String value) {
  public PhaseId {
    Ids.check("phase id", value);
  }

  @JsonCreator
  public static PhaseId of(String value) {
    return new PhaseId(value);
  }

  public static PhaseId random() {
    return new PhaseId(Ids.random("phase"));
  }

  @Override
  public String toString() {
    return value;
  }
}
