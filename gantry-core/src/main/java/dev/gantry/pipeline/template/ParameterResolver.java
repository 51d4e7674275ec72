package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The final parameters of a conversion: the template's defaults, overridden by the task's {@code
 * metadata.pipeline_parameters}, overridden by the explicit parameters. Every given value is
 * checked against its parameter's type; an unknown parameter and a missing required one are errors
 * that list the template's parameters. Nothing given is dropped.
 */
final class ParameterResolver {
  /** The task metadata key whose object gives parameters for conversions of the task. */
  static final String TASK_PARAMETERS = "pipeline_parameters";

  private ParameterResolver() {}

  /**
   * @param fromTask the task's {@code metadata.pipeline_parameters} (an object, or {@code null})
   * @param explicit the parameters of the call (may be {@code null})
   * @return every parameter of the template with its value, in the template's order
   */
  static Map<String, Object> resolve(
      PipelineTemplate template, Object fromTask, Map<String, ?> explicit) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> given = new LinkedHashMap<>();
    if (fromTask instanceof Map<?, ?> m) {
      given(template, Fields.stringKeys(m), "task.metadata." + TASK_PARAMETERS, given, problems);
    } else if (fromTask != null) {
      problems.add(
          new Problem(
              "task.metadata." + TASK_PARAMETERS,
              "expected an object of parameter name to value, got " + Fields.describe(fromTask)));
    }
    if (explicit != null) {
      given(template, Fields.stringKeys(explicit), "parameters", given, problems);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (TemplateParameter p : template.parameters()) {
      if (given.containsKey(p.name())) {
        out.put(p.name(), given.get(p.name()));
      } else if (p.required()) {
        problems.add(
            new Problem(
                "parameters",
                "missing required parameter '"
                    + p.name()
                    + "' ("
                    + ParameterValues.expected(p)
                    + ") for template '"
                    + template.id()
                    + "' (parameters: "
                    + ParameterValues.listing(template.parameters())
                    + ")"));
      } else {
        out.put(p.name(), p.defaultValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "invalid parameters for template '" + template.id() + "'", problems);
    }
    return out;
  }

  /** Checks the values of one source and puts them over {@code into}. */
  private static void given(
      PipelineTemplate template,
      Map<String, Object> values,
      String path,
      Map<String, Object> into,
      List<Problem> problems) {
    List<String> names = template.parameters().stream().map(TemplateParameter::name).toList();
    for (var e : values.entrySet()) {
      TemplateParameter p =
          template.parameters().stream()
              .filter(x -> x.name().equals(e.getKey()))
              .findFirst()
              .orElse(null);
      if (p == null) {
        String hint =
            DidYouMean.closest(e.getKey(), names).map(n -> "did you mean '" + n + "'? ").orElse("");
        problems.add(
            new Problem(
                path,
                "unknown parameter '"
                    + e.getKey()
                    + "' for template '"
                    + template.id()
                    + "' ("
                    + hint
                    + "parameters: "
                    + ParameterValues.listing(template.parameters())
                    + ")"));
        continue;
      }
      Object value =
          ParameterValues.check(p, e.getValue(), Fields.join(path, e.getKey()), problems);
      into.put(p.name(), value); // null when invalid: reported, and not reported as missing
    }
  }
}
