package dev.gantry.workflow;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a stored result per workflow type (the seed's ResultProcessor schemas): {@code
 * generic} has success, result, error, timestamp; {@code containerized_workflow} adds container id,
 * status and logs; {@code dagger_pipeline} adds pipeline id, status and steps.
 */
public enum ResultSchema {
  GENERIC("generic", Map.of()),
  CONTAINERIZED_WORKFLOW(
      "containerized_workflow",
      Map.of("container_id", Kind.STRING_OR_NULL, "status", Kind.STRING, "logs", Kind.STRING)),
  DAGGER_PIPELINE(
      "dagger_pipeline",
      Map.of("pipeline_id", Kind.STRING, "status", Kind.STRING, "steps", Kind.OBJECT));

  private static final class Base {
    static final Map<String, Kind> FIELDS =
        Map.of(
            "success",
            Kind.BOOLEAN,
            "result",
            Kind.OBJECT_OR_NULL,
            "error",
            Kind.STRING_OR_NULL,
            "timestamp",
            Kind.STRING);
  }

  private final String type;
  private final Map<String, Kind> fields;

  ResultSchema(String type, Map<String, Kind> extra) {
    this.type = type;
    Map<String, Kind> all = new LinkedHashMap<>(Base.FIELDS);
    all.putAll(extra);
    this.fields = Map.copyOf(all);
  }

  public String type() {
    return type;
  }

  /** The schema of a workflow type; unknown types use {@link #GENERIC}. */
  public static ResultSchema of(String workflowType) {
    for (ResultSchema s : values()) {
      if (s.type.equals(workflowType)) {
        return s;
      }
    }
    return GENERIC;
  }

  /** Throws {@link InvalidInputException} naming every missing or mistyped field. */
  public void validate(Map<String, Object> result) {
    List<Problem> problems = new ArrayList<>();
    fields.forEach(
        (name, kind) -> {
          if (!result.containsKey(name)) {
            problems.add(new Problem(name, "is required by the " + type + " result schema"));
          } else if (!kind.accepts(result.get(name))) {
            problems.add(new Problem(name, "expected " + kind.text + " in a " + type + " result"));
          }
        });
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid " + type + " result", problems);
    }
  }

  enum Kind {
    BOOLEAN("a boolean"),
    STRING("a string"),
    STRING_OR_NULL("a string or null"),
    OBJECT("an object"),
    OBJECT_OR_NULL("an object or null");

    final String text;

    Kind(String text) {
      this.text = text;
    }

    boolean accepts(Object v) {
      return switch (this) {
        case BOOLEAN -> v instanceof Boolean;
        case STRING -> v instanceof String;
        case STRING_OR_NULL -> v == null || v instanceof String;
        case OBJECT -> v instanceof Map<?, ?>;
        case OBJECT_OR_NULL -> v == null || v instanceof Map<?, ?>;
      };
    }
  }
}
