package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;

/** Network access of a step: none (the default) or the engine's default bridge network. */
public enum NetworkMode {
  NONE,
  BRIDGE;

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static NetworkMode parse(String text) {
    return WireEnums.parse(NetworkMode.class, "network", text);
  }
}
