package dev.gantry.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;

/** Status of a task. Written in lower snake case: {@code in_progress}. */
public enum TaskStatus {
  PLANNED(false),
  PENDING(false),
  IN_PROGRESS(false),
  COMPLETED(true),
  FAILED(true),
  BLOCKED(false),
  CANCELLED(true);

  private final boolean done;

  TaskStatus(boolean done) {
    this.done = done;
  }

  /** True for statuses in which no more work is expected. */
  public boolean isDone() {
    return done;
  }

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static TaskStatus parse(String text) {
    return WireEnums.parse(TaskStatus.class, "status", text);
  }
}
