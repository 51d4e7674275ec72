package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a metadata-format template, {@code [{name, description, depends_on, container:
 * {image, command, workdir, environment, mounts, timeout}}]}, in the custom-pipeline step shape.
 * Host mounts are refused: Gantry only allows bind mounts under {@code
 * security.allowed_host_paths}, which templates cannot rely on.
 */
final class MetadataSteps {
  static final List<String> STEP_KEYS = List.of("name", "description", "depends_on", "container");
  static final List<String> CONTAINER_KEYS =
      List.of("image", "command", "workdir", "environment", "mounts", "timeout");

  /** Container key to the key of the custom-pipeline step. */
  private static final Map<String, String> RENAMED =
      orderedMap(
          "image", "image",
          "command", "command",
          "workdir", "workdir",
          "environment", "env",
          "timeout", "timeout_seconds");

  private static final Pattern STEP_PATH =
      Pattern.compile("(steps\\[\\d+])\\.(image|command|workdir|env|timeout_seconds)(.*)");

  private MetadataSteps() {}

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The steps in custom-pipeline shape; anything that is not a list is left to the checks. */
  static List<Object> normalise(Object raw, List<Problem> problems) {
    if (!(raw instanceof List<?> list)) {
      return raw == null ? null : List.of(raw);
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(step(list.get(i), "steps[" + i + "]", problems));
    }
    return out;
  }

  private static Object step(Object raw, String path, List<Problem> problems) {
    if (!(raw instanceof Map<?, ?> map)) {
      return raw;
    }
    Fields f = new Fields(map, path, problems);
    TemplateReader.unknownKeys(f, STEP_KEYS, "in a metadata-format step");
    Map<String, Object> step = new LinkedHashMap<>();
    for (String key : List.of("name", "description", "depends_on")) {
      if (f.raw(key) != null) {
        step.put(key, f.raw(key));
      }
    }
    if (f.raw("container") == null) {
      f.problem("container", "is required: {image, command, ...}");
      step.put("command", "true");
      return step;
    }
    Fields container = f.object("container");
    if (container == null) {
      step.put("command", "true");
      return step;
    }
    TemplateReader.unknownKeys(container, CONTAINER_KEYS, "in a metadata-format container");
    mounts(container, f.raw("name"));
    RENAMED.forEach(
        (from, to) -> {
          if (container.raw(from) != null) {
            step.put(to, container.raw(from));
          }
        });
    return step;
  }

  private static void mounts(Fields container, Object stepName) {
    Object mounts = container.raw("mounts");
    if (mounts == null || (mounts instanceof List<?> l && l.isEmpty())) {
      return;
    }
    container.problem(
        "mounts",
        "step '"
            + stepName
            + "' mounts host paths, which templates do not support yet: Gantry refuses host"
            + " mounts unless they are under security.allowed_host_paths; pass files between"
            + " steps with 'outputs' instead");
  }

  /** The path in the file of a path of a normalised step. */
  static String templatePath(String path) {
    if (path == null) {
      return null;
    }
    Matcher m = STEP_PATH.matcher(path);
    if (!m.matches()) {
      return path;
    }
    String key =
        RENAMED.entrySet().stream()
            .filter(e -> e.getValue().equals(m.group(2)))
            .findFirst()
            .orElseThrow()
            .getKey();
    return m.group(1) + ".container." + key + m.group(3);
  }
}
