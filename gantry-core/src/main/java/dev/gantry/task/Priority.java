package dev.gantry.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;

/** Priority of a task. */
public enum Priority {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static Priority parse(String text) {
    return WireEnums.parse(Priority.class, "priority", text);
  }
}
