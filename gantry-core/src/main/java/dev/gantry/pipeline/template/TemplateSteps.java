package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.template.Placeholders.Ref;
import dev.gantry.pipeline.template.Placeholders.Segment;
import dev.gantry.pipeline.template.ShellQuoting.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Checks the steps of a template before any parameter is known: they must make a valid custom
 * pipeline wherever no placeholder is involved (checked with {@link PipelineParser}), every
 * placeholder must be known, and every placeholder in shell text must be where its value can be
 * passed safely through an environment variable.
 */
final class TemplateSteps {
  /** The keys whose values must be written out: the pipeline's graph and secret names. */
  static final List<String> LITERAL_KEYS = List.of("name", "depends_on", "secrets");

  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

  private final List<String> parameters;
  private final UnaryOperator<String> paths;
  private final List<Problem> problems;
  private final List<String> placeholderPaths = new ArrayList<>();

  /**
   * @param paths maps a path of the steps ({@code steps[0].image}) to its path in the file
   */
  TemplateSteps(List<String> parameters, UnaryOperator<String> paths, List<Problem> problems) {
    this.parameters = parameters;
    this.paths = paths;
    this.problems = problems;
  }

  /** The steps as maps; problems are added with their paths in the file. */
  List<Map<String, Object>> check(Object raw, String path) {
    if (raw == null) {
      problems.add(new Problem(path, "is required: a list of steps"));
      return List.of();
    }
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      problems.add(new Problem(path, "expected a non-empty list of steps, got " + describe(raw)));
      return List.of();
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof Map<?, ?> map) {
        Map<String, Object> step = Fields.stringKeys(map);
        placeholders(step, "steps[" + i + "]");
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) freeze(step);
        steps.add(frozen);
      }
    }
    trialParse(list);
    return steps;
  }

  /** An unmodifiable deep copy of a JSON-like value (nulls kept). */
  static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(freeze(v)));
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  private static String describe(Object raw) {
    return raw instanceof List<?> ? "an empty list" : Fields.describe(raw);
  }

  private void problem(String path, String message) {
    problems.add(new Problem(paths.apply(path), message));
  }

  private void placeholders(Map<String, Object> step, String path) {
    Object name = step.get("name");
    for (String key : LITERAL_KEYS) {
      if (mentionsAny(step.get(key))) {
        problem(Fields.join(path, key), "cannot use placeholders (the value must be written out)");
        placeholderPaths.add(Fields.join(path, key));
      }
    }
    for (var e : step.entrySet()) {
      if (!LITERAL_KEYS.contains(e.getKey())) {
        walk(e.getValue(), Fields.join(path, e.getKey()));
      }
    }
    reservedEnv(step, path);
    Object command = step.get("command");
    if (command instanceof String script) {
      shell(script, Fields.join(path, "command"), name);
    } else if (command instanceof List<?> argv) {
      int script = scriptIndex(argv);
      if (script >= 0 && argv.get(script) instanceof String s && Placeholders.whole(s) == null) {
        shell(s, Fields.index(Fields.join(path, "command"), script), name);
      }
    }
  }

  private static boolean mentionsAny(Object value) {
    if (value instanceof String s) {
      return Placeholders.mentions(s);
    }
    return value instanceof List<?> list && list.stream().anyMatch(TemplateSteps::mentionsAny);
  }

  /** Checks the placeholders of every string under {@code value}. */
  private void walk(Object value, String path) {
    if (value instanceof String s && Placeholders.mentions(s)) {
      List<Segment> segments = Placeholders.parse(s, paths.apply(path), problems);
      if (segments == null) {
        return;
      }
      boolean any = false;
      for (Segment segment : segments) {
        if (segment instanceof Ref ref) {
          any = true;
          String wrong = Placeholders.checkStepRef(ref, parameters);
          if (wrong != null) {
            problem(path, wrong);
          }
        }
      }
      if (any) {
        placeholderPaths.add(path);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), Fields.index(path, i));
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, Fields.join(path, String.valueOf(k))));
    }
  }

  private void reservedEnv(Map<String, Object> step, String path) {
    for (String key : List.of("env", "environment")) {
      if (step.get(key) instanceof Map<?, ?> env) {
        for (Object name : env.keySet()) {
          if (reserved(String.valueOf(name))) {
            problem(
                Fields.join(Fields.join(path, key), String.valueOf(name)),
                "names starting with GANTRY_PARAM_ or GANTRY_TASK_ are reserved for the values"
                    + " of placeholders in shell commands");
          }
        }
      }
    }
  }

  static boolean reserved(String envName) {
    return Placeholders.RESERVED_ENV_PREFIXES.stream().anyMatch(envName::startsWith);
  }

  /** Placeholders in shell text must be unquoted or double-quoted, not escaped. */
  private void shell(String script, String path, Object step) {
    List<Segment> segments = Placeholders.parse(script, paths.apply(path), new ArrayList<>());
    if (segments == null) {
      return; // reported by walk
    }
    List<Context> contexts = ShellQuoting.contexts(segments);
    List<Ref> refs = segments.stream().filter(Ref.class::isInstance).map(Ref.class::cast).toList();
    for (int i = 0; i < refs.size(); i++) {
      String ref = "${" + refs.get(i).expression() + "}";
      if (contexts.get(i) == Context.SINGLE_QUOTED) {
        problem(
            path,
            ref
                + " is inside single quotes in the shell command of step '"
                + step
                + "', where its value cannot be passed safely; end the quotes before it, e.g. 'a'"
                + ref
                + "'b' or \"a"
                + ref
                + "b\"");
      } else if (contexts.get(i) == Context.ESCAPED) {
        problem(
            path,
            ref
                + " follows a backslash in the shell command of step '"
                + step
                + "', where its value cannot be passed; remove the backslash");
      }
    }
  }

  /**
   * The index of the script in an argv that runs a shell with {@code -c} ({@code [sh, -c, SCRIPT]},
   * {@code [bash, -euo, pipefail, -c, SCRIPT]}, {@code [env, A=1, sh, -c, SCRIPT]}), or -1. That
   * element is shell text, so placeholders in it are passed as environment variables.
   */
  static int scriptIndex(List<?> argv) {
    int i = 0;
    while (i < argv.size()
        && argv.get(i) instanceof String s
        && (basename(s).equals("env") || basename(s).equals("busybox") || s.contains("="))) {
      i++;
    }
    if (i >= argv.size() || !(argv.get(i) instanceof String shell)) {
      return -1;
    }
    if (!SHELLS.contains(basename(shell))) {
      return -1;
    }
    boolean dashC = false;
    for (int j = i + 1; j < argv.size(); j++) {
      if (!(argv.get(j) instanceof String arg)) {
        return -1;
      }
      if (arg.equals("-o") || arg.equals("+o")) {
        j++; // the option's name
      } else if ((arg.startsWith("-") || arg.startsWith("+")) && arg.length() > 1) {
        dashC |= !arg.startsWith("--") && arg.indexOf('c') > 0;
      } else {
        return dashC ? j : -1;
      }
    }
    return -1;
  }

  private static String basename(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }

  /**
   * Parses the steps as a custom pipeline and keeps the problems that no placeholder can explain: a
   * value with a placeholder is checked again when the template is converted.
   */
  private void trialParse(List<?> steps) {
    try {
      new PipelineParser("image:trial").parse(Map.of("name", "template", "steps", steps));
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        if (!covered(p.path())) {
          problem(p.path(), p.message());
        }
      }
    }
  }

  private boolean covered(String path) {
    if (path == null) {
      return false;
    }
    return placeholderPaths.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "["));
  }
}
