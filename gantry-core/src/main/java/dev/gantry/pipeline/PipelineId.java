package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a stored pipeline. */
public record PipelineId(@JsonValue String value) {
  public PipelineId {
    Ids.check("pipeline id", value);
  }

  @JsonCreator
  public static PipelineId of(String value) {
    return new PipelineId(value);
  }

  public static PipelineId random() {
    return new PipelineId(Ids.random("pipeline"));
  }

  @Override
  public String toString() {
    return value;
  }
}
