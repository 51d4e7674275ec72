package dev.gantry.pipeline.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;

/** The type of a template parameter. {@code enum} values are listed in the parameter. */
public enum ParameterType {
  STRING,
  NUMBER,
  INTEGER,
  BOOLEAN,
  ARRAY,
  OBJECT,
  ENUM;

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static ParameterType parse(String text) {
    return WireEnums.parse(ParameterType.class, "type", text);
  }
}
