package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Fields;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code template_content} of a seed-format template: a pipeline definition ({@code {steps:
 * [...]}}), a list of steps, or either of them as YAML or JSON text.
 *
 * @param steps the raw steps ({@code null} when there are none)
 * @param path the path of the steps in the file
 * @param paths maps a path of the steps ({@code steps[0].image}) to its path in the file
 */
record SeedContent(Object steps, String path, UnaryOperator<String> paths) {
  static final String KEY = "template_content";
  static final List<String> KEYS = List.of("name", "description", "steps");

  static SeedContent read(Fields f) {
    Object raw = f.raw(KEY);
    if (raw instanceof String text) {
      try {
        raw = Documents.read(text, Documents.Format.YAML, KEY);
      } catch (InvalidInputException e) {
        f.problem(KEY, "is not a valid YAML or JSON pipeline definition: " + e.getMessage());
        return new SeedContent(List.of(), KEY, UnaryOperator.identity());
      }
    }
    if (raw instanceof Map<?, ?> map) {
      Fields content = new Fields(map, KEY, f.problems());
      TemplateReader.unknownKeys(content, KEYS, "in template_content");
      content.string("name");
      content.string("description");
      return new SeedContent(content.raw("steps"), KEY + ".steps", p -> KEY + "." + p);
    }
    if (raw == null || raw instanceof List<?>) {
      return new SeedContent(raw, KEY, p -> KEY + p.substring("steps".length()));
    }
    f.problem(
        KEY,
        "expected the steps: an object with 'steps', a list of steps, or either as YAML or JSON"
            + " text, got "
            + Fields.describe(raw));
    return new SeedContent(List.of(), KEY, UnaryOperator.identity());
  }
}
