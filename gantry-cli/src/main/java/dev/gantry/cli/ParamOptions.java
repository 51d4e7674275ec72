package dev.gantry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.InvalidInputException;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.template.ParameterType;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Template parameter values given on the command line ({@code --param NAME=VALUE}, {@code
 * --param-file NAME=FILE}), typed by the template: the text of a number, integer, boolean, array or
 * object parameter is read as YAML (so JSON too: {@code 3}, {@code true}, {@code [a, b]}, {@code
 * {"k": 1}}); string and enum values are kept as they are, byte for byte.
 */
final class ParamOptions {
  private ParamOptions() {}

  static Map<String, Object> of(
      PipelineTemplate template, Map<String, String> values, Map<String, Path> files) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((name, text) -> out.put(name, typed(template, name, text)));
    }
    if (files != null) {
      files.forEach((name, file) -> out.put(name, typed(template, name, read(name, file))));
    }
    return out;
  }

  /** {@code text} as the value of the template's parameter {@code name}. */
  static Object typed(PipelineTemplate template, String name, String text) {
    TemplateParameter p =
        template.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
    if (p == null || p.type() == ParameterType.STRING || p.type() == ParameterType.ENUM) {
      // Unknown names are passed on as text: the converter names them and the known ones.
      return text;
    }
    try {
      Object value = Json.YAML.readValue(text, Object.class);
      return value == null ? text : value;
    } catch (JsonProcessingException e) {
      // Not YAML: the converter reports that the value is not of the parameter's type.
      return text;
    }
  }

  private static String read(String name, Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException(
          "--param-file " + name, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
