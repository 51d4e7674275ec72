package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the named outputs of a template: {@code name: {description, value}} where the value is
 * {@code ${steps.STEP.output}}, {@code ${steps.STEP.logs}} or {@code ${steps.STEP.exit_code}} of a
 * step of the template.
 */
final class TemplateOutputs {
  static final List<String> KEYS = List.of("description", "value");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

  private TemplateOutputs() {}

  static Map<String, TemplateOutput> read(
      Object raw, String path, List<Map<String, Object>> steps, List<Problem> problems) {
    Map<String, TemplateOutput> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(
          new Problem(
              path,
              "expected an object of output name to {description, value}, got "
                  + Fields.describe(raw)));
      return out;
    }
    List<String> stepNames =
        steps.stream()
            .map(s -> s.get("name"))
            .filter(Objects::nonNull)
            .map(String::valueOf)
            .toList();
    Fields outputs = new Fields(map, path, problems);
    for (String name : outputs.keys()) {
      String at = outputs.pathOf(name);
      if (!NAME.matcher(name).matches()) {
        problems.add(
            new Problem(
                at,
                "expected an output name of 1-64 letters, digits, '_', '.' or '-' starting with a"
                    + " letter or '_', got '"
                    + name
                    + "'"));
        continue;
      }
      Fields f = outputs.object(name);
      if (f == null) {
        continue;
      }
      TemplateReader.unknownKeys(f, KEYS, "in a template output");
      String description = f.string("description");
      String value = f.requiredString("value");
      if (value != null && valid(value, f.pathOf("value"), stepNames, problems)) {
        out.put(name, new TemplateOutput(name, description, value));
      }
    }
    return out;
  }

  private static boolean valid(
      String value, String path, List<String> stepNames, List<Problem> problems) {
    Placeholders.Ref ref = Placeholders.whole(value.trim());
    Matcher m = ref == null ? null : Placeholders.stepOutput(ref.expression());
    if (m == null || !m.matches()) {
      String field =
          ref != null && ref.expression().startsWith("steps.")
              ? " ('"
                  + ref.expression().substring(ref.expression().lastIndexOf('.') + 1)
                  + "'"
                  + " is not one of output, logs, exit_code)"
              : "";
      problems.add(
          new Problem(
              path,
              "expected ${steps.STEP.output}, ${steps.STEP.logs} or ${steps.STEP.exit_code}, got '"
                  + value
                  + "'"
                  + field));
      return false;
    }
    String step = m.group(1);
    if (!stepNames.contains(step)) {
      String hint =
          DidYouMean.closest(step, stepNames).map(s -> "did you mean '" + s + "'? ").orElse("");
      problems.add(
          new Problem(
              path,
              "unknown step '"
                  + step
                  + "' ("
                  + hint
                  + "steps: "
                  + String.join(", ", stepNames)
                  + ")"));
      return false;
    }
    return true;
  }
}
