package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code parameters} of a template: an object of name to spec ({@code type}, {@code
 * required}, {@code default}, {@code description}, {@code values} or {@code enum}), or a list of
 * specs that each have a {@code name}.
 */
final class ParameterReader {
  static final List<String> KEYS =
      List.of("type", "required", "default", "description", "values", "enum");

  /** Type names of other tools, accepted in the seed and metadata formats. */
  private static final Map<String, ParameterType> ALIASES =
      Map.of(
          "str", ParameterType.STRING,
          "int", ParameterType.INTEGER,
          "float", ParameterType.NUMBER,
          "bool", ParameterType.BOOLEAN,
          "list", ParameterType.ARRAY,
          "dict", ParameterType.OBJECT);

  private static final List<String> RESERVED = List.of("task", "steps");

  private final boolean aliases;
  private final List<Problem> problems;
  private final List<String> declared = new ArrayList<>();

  /**
   * @param aliases accept {@code str}, {@code int}, {@code float}, {@code bool}, {@code list} and
   *     {@code dict} as type names
   */
  ParameterReader(boolean aliases, List<Problem> problems) {
    this.aliases = aliases;
    this.problems = problems;
  }

  List<TemplateParameter> read(Object raw, String path) {
    Map<String, Object> specs = specs(raw, path);
    List<TemplateParameter> out = new ArrayList<>();
    Map<String, String> byEnvName = new HashMap<>();
    for (var e : specs.entrySet()) {
      String name = e.getKey();
      String at = Fields.join(path, name);
      if (!Placeholders.PARAMETER_NAME.matcher(name).matches() || RESERVED.contains(name)) {
        problems.add(
            new Problem(
                at,
                "expected a parameter name of 1-64 letters, digits and '_' not starting with a"
                    + " digit (and not 'task' or 'steps'), got '"
                    + name
                    + "'"));
        continue;
      }
      declared.add(name);
      String other = byEnvName.putIfAbsent(name.toUpperCase(Locale.ROOT), name);
      if (other != null) {
        problems.add(
            new Problem(at, "parameters '" + other + "' and '" + name + "' differ only in case"));
        continue;
      }
      TemplateParameter p = parameter(name, e.getValue(), at);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The names of the parameters read, also of those with a bad spec: placeholders that use them are
   * not reported as unknown.
   */
  List<String> declared() {
    return declared;
  }

  private Map<String, Object> specs(Object raw, String path) {
    Map<String, Object> specs = new LinkedHashMap<>();
    if (raw == null) {
      return specs;
    }
    if (raw instanceof Map<?, ?> map) {
      return Fields.stringKeys(map);
    }
    if (!(raw instanceof List<?> list)) {
      problems.add(
          new Problem(
              path, "expected an object of parameter name to spec, got " + Fields.describe(raw)));
      return specs;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = Fields.index(path, i);
      if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
        problems.add(
            new Problem(
                at, "expected an object with a 'name', got " + Fields.describe(list.get(i))));
        continue;
      }
      Map<String, Object> spec = Fields.stringKeys(m);
      spec.remove("name");
      if (specs.put(name, spec) != null) {
        problems.add(new Problem(at + ".name", "duplicate parameter '" + name + "'"));
      }
    }
    return specs;
  }

  private TemplateParameter parameter(String name, Object raw, String path) {
    int before = problems.size();
    Fields f = Fields.of(raw, path, problems);
    if (f == null) {
      return null;
    }
    for (String key : f.unknownKeys(KEYS)) {
      String hint = DidYouMean.closest(key, KEYS).map(k -> "did you mean '" + k + "'? ").orElse("");
      f.problem(
          "unknown key '" + key + "' (" + hint + "known keys: " + String.join(", ", KEYS) + ")");
    }
    ParameterType type = type(f);
    boolean required = Boolean.TRUE.equals(f.bool("required"));
    String description = f.string("description");
    List<Object> allowed = allowed(f, type);
    if (allowed != null && type != null && type != ParameterType.ENUM) {
      type = ParameterType.ENUM;
    }
    if (type == ParameterType.ENUM && allowed == null && problems.size() == before) {
      f.problem("an enum parameter needs 'values': the list of allowed values");
    }
    if (problems.size() > before) {
      return null;
    }
    TemplateParameter p = new TemplateParameter(name, type, required, null, description, allowed);
    Object defaultValue = defaultValue(f, p);
    if (problems.size() > before) {
      return null;
    }
    return new TemplateParameter(name, type, required, defaultValue, description, allowed);
  }

  private ParameterType type(Fields f) {
    Object raw = f.raw("type");
    if (raw == null) {
      if (f.has("values") || f.has("enum")) {
        return ParameterType.ENUM;
      }
      f.problem("type", "is required: one of " + typeNames());
      return null;
    }
    if (!(raw instanceof String text)) {
      f.problem("type", "expected one of " + typeNames() + ", got " + Fields.describe(raw));
      return null;
    }
    if (aliases && ALIASES.containsKey(text.toLowerCase(Locale.ROOT))) {
      return ALIASES.get(text.toLowerCase(Locale.ROOT));
    }
    try {
      return ParameterType.parse(text);
    } catch (InvalidInputException e) {
      List<String> names = List.of(typeNames().split(", "));
      String hint =
          DidYouMean.closest(text.toLowerCase(Locale.ROOT), names)
              .map(k -> " (did you mean '" + k + "'?)")
              .orElse("");
      f.problem("type", "unknown type '" + text + "'" + hint + "; expected one of " + typeNames());
      return null;
    }
  }

  private static String typeNames() {
    return String.join(
        ", ", Arrays.stream(ParameterType.values()).map(ParameterType::wireName).toList());
  }

  /** The allowed values ({@code values} or {@code enum}), checked against a base type. */
  private List<Object> allowed(Fields f, ParameterType type) {
    String key = f.has("values") ? "values" : "enum";
    if (f.has("values") && f.has("enum")) {
      f.problem("use either 'values' or 'enum', not both");
      return null;
    }
    Object raw = f.raw(key);
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      f.problem(key, "expected a non-empty list of allowed values, got " + Fields.describe(raw));
      return null;
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object v = list.get(i);
      String at = Fields.index(f.pathOf(key), i);
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        problems.add(
            new Problem(at, "expected a string, number or boolean, got " + Fields.describe(v)));
      } else if (type != null
          && type != ParameterType.ENUM
          && ParameterValues.coerce(type, v) == null) {
        problems.add(
            new Problem(
                at,
                "expected "
                    + ParameterValues.expected(type)
                    + " (the parameter's type), got "
                    + ParameterValues.describe(v)));
      } else if (out.contains(v)) {
        problems.add(new Problem(at, "duplicate allowed value " + ParameterValues.describe(v)));
      } else {
        out.add(v);
      }
    }
    return out.size() == list.size() ? out : null;
  }

  /**
   * The checked default. An optional string, array, object or boolean without one defaults to
   * {@code ""}, {@code []}, <code>{}</code> or {@code false}; other optional types need one.
   */
  private Object defaultValue(Fields f, TemplateParameter p) {
    if (f.has("default")) {
      if (p.required()) {
        f.problem("default", "a required parameter cannot have a default; remove one of the two");
        return null;
      }
      return ParameterValues.check(p, f.raw("default"), f.pathOf("default"), problems);
    }
    if (p.required()) {
      return null;
    }
    return switch (p.type()) {
      case STRING -> "";
      case ARRAY -> List.of();
      case OBJECT -> Map.of();
      case BOOLEAN -> false;
      default -> {
        f.problem(
            "an optional "
                + p.type().wireName()
                + " parameter needs a 'default' (or 'required: true')");
        yield null;
      }
    };
  }
}
