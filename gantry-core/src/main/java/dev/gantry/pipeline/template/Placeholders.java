package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of template text: {@code ${param}}, {@code ${task.id}}, {@code ${task.name}},
 * {@code ${task.description}}, {@code ${task.metadata.KEY}} and, in template outputs, {@code
 * ${steps.STEP.output|logs|exit_code}}. {@code $${} is a literal {@code ${}; any other {@code $}
 * is plain text.
 */
final class Placeholders {
  /** A piece of template text: plain text or a placeholder. */
  sealed interface Segment permits Text, Ref {}

  /** Plain text (with {@code $${} already turned into {@code ${}). */
  record Text(String text) implements Segment {}

  /** A placeholder; {@code expression} is what is between the braces. */
  record Ref(String expression) implements Segment {
    boolean isTask() {
      return expression.startsWith("task.");
    }

    /** The name of the environment variable that carries this value into shell text. */
    String envName() {
      if (!isTask()) {
        return "GANTRY_PARAM_" + upper(expression);
      }
      String rest = expression.substring("task.".length());
      if (rest.startsWith("metadata.")) {
        return "GANTRY_TASK_METADATA_" + upper(rest.substring("metadata.".length()));
      }
      return "GANTRY_TASK_" + upper(rest);
    }

    private static String upper(String s) {
      return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
  }

  static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  static final List<String> TASK_FIELDS = List.of("task.id", "task.name", "task.description");
  static final Pattern TASK_METADATA = Pattern.compile("task\\.metadata\\.([A-Za-z0-9_-]+)");
  static final Pattern STEP_OUTPUT =
      Pattern.compile("steps\\.([A-Za-z0-9][A-Za-z0-9_.-]*)\\.(output|logs|exit_code)");
  static final List<String> STEP_FIELDS = List.of("output", "logs", "exit_code");

  /** Prefixes of environment variables that templates may not set themselves. */
  static final List<String> RESERVED_ENV_PREFIXES = List.of("GANTRY_PARAM_", "GANTRY_TASK_");

  private Placeholders() {}

  /** True when {@code text} has a placeholder or an escape, i.e. needs {@link #parse}. */
  static boolean mentions(String text) {
    return text.contains("${");
  }

  /**
   * The segments of {@code text}; {@code null} after adding a problem at {@code path} when a
   * placeholder is not closed or is empty.
   */
  static List<Segment> parse(String text, String path, List<Problem> problems) {
    List<Segment> out = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        plain.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(
              new Problem(
                  path,
                  "unclosed placeholder '"
                      + text.substring(i)
                      + "' (close it with '}', or write $${ for a literal ${)"));
          return null;
        }
        String expression = text.substring(i + 2, end);
        if (expression.isBlank()) {
          problems.add(new Problem(path, "empty placeholder '${}' (write $${ for a literal ${)"));
          return null;
        }
        if (!plain.isEmpty()) {
          out.add(new Text(plain.toString()));
          plain.setLength(0);
        }
        out.add(new Ref(expression));
        i = end + 1;
      } else {
        plain.append(text.charAt(i));
        i++;
      }
    }
    if (!plain.isEmpty()) {
      out.add(new Text(plain.toString()));
    }
    return out;
  }

  /** The single placeholder that is all of {@code text}, or {@code null}. */
  static Ref whole(String text) {
    if (!text.startsWith("${") || !text.endsWith("}") || text.indexOf('}') != text.length() - 1) {
      return null;
    }
    String expression = text.substring(2, text.length() - 1);
    return expression.isBlank() || expression.contains("$") ? null : new Ref(expression);
  }

  /**
   * Null when {@code ref} may be used in steps of a template with these parameters, else what is
   * wrong with it.
   */
  static String checkStepRef(Ref ref, List<String> parameterNames) {
    String e = ref.expression();
    if (parameterNames.contains(e)
        || TASK_FIELDS.contains(e)
        || TASK_METADATA.matcher(e).matches()) {
      return null;
    }
    if (e.startsWith("steps.")) {
      return "${" + e + "} can only be used in the template's outputs";
    }
    if (e.startsWith("task.metadata")) {
      return "unknown placeholder ${"
          + e
          + "}: expected ${task.metadata.KEY} with a KEY of letters, digits, '_' and '-'";
    }
    List<String> known = new ArrayList<>(parameterNames);
    known.addAll(TASK_FIELDS);
    String hint = DidYouMean.closest(e, known).map(k -> "did you mean ${" + k + "}? ").orElse("");
    return "unknown placeholder ${"
        + e
        + "} ("
        + hint
        + "parameters: "
        + (parameterNames.isEmpty() ? "none" : String.join(", ", parameterNames))
        + "; task values: ${task.id}, ${task.name}, ${task.description}, ${task.metadata.KEY};"
        + " write $${ for a literal ${)";
  }

  /** The matcher of a {@code ${steps.STEP.FIELD}} reference (call {@code matches()} first). */
  static Matcher stepOutput(String expression) {
    return STEP_OUTPUT.matcher(expression);
  }
}
