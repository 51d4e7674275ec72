package dev.gantry.pipeline;

import java.util.List;
import java.util.Map;

final class PipelineTypes {
  private PipelineTypes() {}

  /** How a JSON value is described in an error message: "a number (42)", "a list", ... */
  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return "a string ('" + s + "')";
    }
    if (value instanceof Boolean b) {
      return "a boolean (" + b + ")";
    }
    if (value instanceof Number n) {
      return "a number (" + n + ")";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
