package dev.gantry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateOutput;
import dev.gantry.pipeline.template.TemplateParameter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the CLI shows templates: JSON-ready maps and a text page. */
final class TemplateViews {
  /** YAML for people: multi-line strings (scripts) as literal blocks. */
  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .build());

  private TemplateViews() {}

  /** The listing entry of a template (no steps). */
  static Map<String, Object> summary(PipelineTemplate t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("description", t.description());
    m.put("category", t.category());
    m.put("version", t.version());
    m.put("tags", t.tags());
    m.put("parameters", t.parameters().stream().map(TemplateViews::parameter).toList());
    m.put("steps", t.steps().size());
    m.put("source", t.source() == null ? null : t.source().toString());
    m.put("format", t.format());
    return m;
  }

  /** Everything about a template, its steps included. */
  static Map<String, Object> detail(PipelineTemplate t) {
    Map<String, Object> m = summary(t);
    m.put("steps", t.steps());
    Map<String, Object> outputs = new LinkedHashMap<>();
    t.outputs()
        .forEach(
            (name, o) ->
                outputs.put(name, Map.of("description", o.description(), "value", o.value())));
    m.put("outputs", outputs);
    return m;
  }

  static Map<String, Object> parameter(TemplateParameter p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("type", p.type().wireName());
    m.put("required", p.required());
    m.put("default", p.defaultValue());
    if (!p.allowed().isEmpty()) {
      m.put("values", p.allowed());
    }
    m.put("description", p.description());
    return m;
  }

  /** The page of {@code gantry templates show ID}. */
  static String text(PipelineTemplate t) {
    StringBuilder sb = new StringBuilder();
    sb.append(t.id()).append(' ').append(t.version()).append("  ").append(t.name()).append('\n');
    sb.append("category: ").append(t.category());
    if (!t.tags().isEmpty()) {
      sb.append("  tags: ").append(String.join(", ", t.tags()));
    }
    sb.append('\n');
    if (t.source() != null) {
      sb.append("source: ").append(t.source()).append(" (format ").append(t.format()).append(")\n");
    }
    if (!t.description().isEmpty()) {
      sb.append('\n').append(wrap(t.description().strip(), 100));
    }
    sb.append("\nparameters:\n");
    if (t.parameters().isEmpty()) {
      sb.append("  (none)\n");
    } else {
      List<List<Object>> rows = new ArrayList<>();
      for (TemplateParameter p : t.parameters()) {
        String type =
            p.allowed().isEmpty() ? p.type().wireName() : p.type().wireName() + " " + p.allowed();
        rows.add(
            List.of(
                p.name(),
                type,
                p.required() ? "yes" : "no",
                p.defaultValue() == null ? "-" : inline(p.defaultValue()),
                p.description()));
      }
      sb.append(
          indent(
              Output.table(List.of("NAME", "TYPE", "REQUIRED", "DEFAULT", "DESCRIPTION"), rows)));
    }
    sb.append("\nsteps:\n").append(indent(yaml(t.steps())));
    if (!t.outputs().isEmpty()) {
      sb.append("\noutputs:\n");
      for (Map.Entry<String, TemplateOutput> o : t.outputs().entrySet()) {
        sb.append("  ")
            .append(o.getKey())
            .append(": ")
            .append(o.getValue().value())
            .append(o.getValue().description().isEmpty() ? "" : "  " + o.getValue().description())
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String inline(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    try {
      return Json.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} in lines of at most {@code width} characters (longer words stay whole). */
  static String wrap(String text, int width) {
    StringBuilder sb = new StringBuilder();
    int column = 0;
    for (String word : text.split("\\s+")) {
      if (column > 0 && column + 1 + word.length() > width) {
        sb.append('\n');
        column = 0;
      } else if (column > 0) {
        sb.append(' ');
        column++;
      }
      sb.append(word);
      column += word.length();
    }
    return sb.append('\n').toString();
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    text.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    return sb.toString();
  }
}
