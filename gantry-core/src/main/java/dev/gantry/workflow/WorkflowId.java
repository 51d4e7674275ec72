package dev.gantry.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.Ids;

/** Identifier of a workflow. */
public record WorkflowId(@JsonValue String value) {
  public WorkflowId {
    Ids.check("workflow id", value);
  }

  @JsonCreator
  public static WorkflowId of(String value) {
    return new WorkflowId(value);
  }

  public static WorkflowId random() {
    return new WorkflowId(Ids.random("workflow"));
  }

  @Override
  public String toString() {
    return value;
  }
}
