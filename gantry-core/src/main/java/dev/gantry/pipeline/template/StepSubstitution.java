package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.template.Placeholders.Ref;
import dev.gantry.pipeline.template.Placeholders.Segment;
import dev.gantry.pipeline.template.Placeholders.Text;
import dev.gantry.pipeline.template.ShellQuoting.Context;
import dev.gantry.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Puts the values of placeholders into one step of a template.
 *
 * <ul>
 *   <li>Argv elements and other strings: the value's text becomes part of that one string; a string
 *       that is exactly one placeholder takes the value as it is (a number stays a number); a list
 *       element that is exactly one placeholder of an array expands to its elements.
 *   <li>Shell text (a string {@code command}, or the script of {@code [sh, -c, SCRIPT]}): the value
 *       is never put into the script. The step gets an env var ({@code GANTRY_PARAM_<NAME>}, {@code
 *       GANTRY_TASK_ID}, ...) with the value's text, and the script references it: {@code
 *       "$GANTRY_PARAM_X"} unquoted, {@code ${GANTRY_PARAM_X}} inside double quotes.
 *   <li>Env values: the value's text.
 * </ul>
 */
final class StepSubstitution {
  private final Map<String, Object> parameters;
  private final Task task;
  private final UnaryOperator<String> paths;
  private final List<Problem> problems;

  StepSubstitution(
      Map<String, Object> parameters,
      Task task,
      UnaryOperator<String> paths,
      List<Problem> problems) {
    this.parameters = parameters;
    this.task = task;
    this.paths = paths;
    this.problems = problems;
  }

  Map<String, Object> step(Map<String, Object> raw, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, String> shellEnv = new LinkedHashMap<>();
    for (var e : raw.entrySet()) {
      String key = e.getKey();
      String at = Fields.join(path, key);
      Object value = e.getValue();
      if (key.equals("command")) {
        out.put(key, command(value, at, shellEnv));
      } else if ((key.equals("env") || key.equals("environment")) && value instanceof Map<?, ?> m) {
        out.put(key, env(Fields.stringKeys(m), at));
      } else {
        out.put(key, value(value, at));
      }
    }
    if (!shellEnv.isEmpty()) {
      String envKey = raw.containsKey("environment") ? "environment" : "env";
      Map<String, Object> env = new LinkedHashMap<>();
      if (out.get(envKey) instanceof Map<?, ?> m) {
        env.putAll(Fields.stringKeys(m));
      }
      env.putAll(shellEnv);
      out.put(envKey, env);
    }
    return out;
  }

  private void problem(String path, String message) {
    problems.add(new Problem(paths.apply(path), message));
  }

  private Object command(Object value, String path, Map<String, String> shellEnv) {
    if (value instanceof String script) {
      return shell(script, path, shellEnv);
    }
    if (!(value instanceof List<?> argv)) {
      return value;
    }
    int script = TemplateSteps.scriptIndex(argv);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      Object element = argv.get(i);
      String at = Fields.index(path, i);
      if (i == script && element instanceof String s && Placeholders.whole(s) == null) {
        out.add(shell(s, at, shellEnv));
      } else {
        element(element, at, out);
      }
    }
    return out;
  }

  /** Adds a list element: its text, or the texts of an array that is all of it. */
  private void element(Object element, String path, List<Object> out) {
    Ref whole = element instanceof String s ? Placeholders.whole(s) : null;
    if (whole != null && resolve(whole, path) instanceof List<?> values) {
      values.forEach(v -> out.add(ParameterValues.text(v)));
    } else if (element instanceof String s) {
      out.add(interpolate(s, path));
    } else {
      out.add(value(element, path));
    }
  }

  private Map<String, Object> env(Map<String, Object> env, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    env.forEach(
        (name, v) ->
            out.put(name, v instanceof String s ? interpolate(s, Fields.join(path, name)) : v));
    return out;
  }

  private Object value(Object value, String path) {
    if (value instanceof String s) {
      Ref whole = Placeholders.whole(s);
      return whole != null ? resolve(whole, path) : interpolate(s, path);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        element(list.get(i), Fields.index(path, i), out);
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      Fields.stringKeys(map).forEach((k, v) -> out.put(k, value(v, Fields.join(path, k))));
      return out;
    }
    return value;
  }

  private String interpolate(String text, String path) {
    if (!Placeholders.mentions(text)) {
      return text;
    }
    List<Segment> segments = Placeholders.parse(text, paths.apply(path), problems);
    if (segments == null) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Text t) {
        out.append(t.text());
      } else if (segment instanceof Ref ref) {
        out.append(ParameterValues.text(resolve(ref, path)));
      }
    }
    return out.toString();
  }

  /** A script with every placeholder replaced by a reference to an env var that has its value. */
  private String shell(String script, String path, Map<String, String> shellEnv) {
    if (!Placeholders.mentions(script)) {
      return script;
    }
    List<Segment> segments = Placeholders.parse(script, paths.apply(path), problems);
    if (segments == null) {
      return script;
    }
    List<Context> contexts = ShellQuoting.contexts(segments);
    StringBuilder out = new StringBuilder();
    int r = 0;
    for (Segment segment : segments) {
      if (segment instanceof Text t) {
        out.append(t.text());
        continue;
      }
      Ref ref = (Ref) segment;
      Context context = contexts.get(r++);
      if (context == Context.SINGLE_QUOTED || context == Context.ESCAPED) {
        problem(path, "${" + ref.expression() + "} cannot be passed safely here (" + context + ")");
        continue;
      }
      String text = ParameterValues.text(resolve(ref, path));
      String earlier = shellEnv.putIfAbsent(ref.envName(), text);
      if (earlier != null && !earlier.equals(text)) {
        problem(
            path,
            "${"
                + ref.expression()
                + "} and another placeholder both need the environment variable "
                + ref.envName()
                + " with different values; rename one of the metadata keys");
      }
      out.append(ShellQuoting.reference(ref, context));
    }
    return out.toString();
  }

  /** The value of a placeholder, or {@code null} after adding a problem. */
  private Object resolve(Ref ref, String path) {
    String e = ref.expression();
    if (parameters.containsKey(e)) {
      return parameters.get(e);
    }
    switch (e) {
      case "task.id" -> {
        return task.id().value();
      }
      case "task.name" -> {
        return task.name();
      }
      case "task.description" -> {
        return task.description();
      }
      default -> {}
    }
    var metadata = Placeholders.TASK_METADATA.matcher(e);
    if (metadata.matches()) {
      Object value = task.metadata().get(metadata.group(1));
      if (value == null) {
        problem(
            path,
            "task '"
                + task.id()
                + "' has no metadata value '"
                + metadata.group(1)
                + "' (used by ${"
                + e
                + "}); set it in the task's metadata");
      }
      return value;
    }
    problem(path, Placeholders.checkStepRef(ref, List.copyOf(parameters.keySet())));
    return null;
  }
}
