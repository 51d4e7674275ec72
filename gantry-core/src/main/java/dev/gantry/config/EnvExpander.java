package dev.gantry.config;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in the string values of a configuration tree
 * (not in keys), before the values are typed. {@code $${} stays a literal {@code ${}. As in the
 * shell, {@code :-} also applies when the variable is set but empty; a default may itself contain
 * {@code ${...}}. A variable that is not set and has no default is a problem naming the key.
 */
final class EnvExpander {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> environment;

  EnvExpander(Map<String, String> environment) {
    this.environment = environment;
  }

  /** A copy of {@code tree} with every string value expanded; problems are added to the list. */
  Object expand(Object tree, String path, List<Problem> problems) {
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (k, v) ->
              out.put(String.valueOf(k), expand(v, Fields.join(path, k.toString()), problems)));
      return out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(expand(list.get(i), Fields.index(path, i), problems));
      }
      return out;
    }
    if (tree instanceof String s && s.contains("${")) {
      try {
        return expand(s);
      } catch (BadReference e) {
        problems.add(new Problem(path, e.getMessage()));
        return null;
      }
    }
    return tree;
  }

  /** {@code text} with its references replaced. */
  String expand(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = closingBrace(text, i + 2);
        if (end < 0) {
          throw new BadReference(
              "unterminated '${' in '" + text + "' (write $${ for a literal ${)");
        }
        out.append(resolve(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private String resolve(String reference) {
    int colon = reference.indexOf(":-");
    String name = colon < 0 ? reference : reference.substring(0, colon);
    if (!NAME.matcher(name).matches()) {
      throw new BadReference(
          "invalid reference '${" + reference + "}': expected ${NAME} or ${NAME:-default}");
    }
    String value = environment.get(name);
    if (colon >= 0 && (value == null || value.isEmpty())) {
      return expand(reference.substring(colon + 2));
    }
    if (value == null) {
      throw new BadReference(
          "environment variable '"
              + name
              + "' is not set (write ${"
              + name
              + ":-default} to give a default)");
    }
    return value;
  }

  /** The index of the '}' that closes a '${' whose content starts at {@code from}, or -1. */
  private static int closingBrace(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' && i > 0 && text.charAt(i - 1) == '$') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  private static final class BadReference extends RuntimeException {
    BadReference(String message) {
      super(message, null, false, false);
    }
  }
}
