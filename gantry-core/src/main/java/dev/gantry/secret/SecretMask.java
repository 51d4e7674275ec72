package dev.gantry.secret;

import java.util.Collection;
import java.util.Comparator;

/**
 * What a secret value is replaced by wherever Gantry stores or shows text: captured logs, results,
 * errors, events, the described configuration, {@code toString()} of records holding passwords. The
 * one spelling of the mask, {@value #MASK}.
 */
public final class SecretMask {
  /** What a secret value is replaced by. */
  public static final String MASK = "***";

  private SecretMask() {}

  /**
   * {@code text} with every occurrence of each non-empty value of {@code secrets} replaced by
   * {@value #MASK}, longest values first (so a value that contains another is masked whole). Null
   * stays null.
   */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null || text.isEmpty() || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret :
        secrets.stream()
            .filter(s -> s != null && !s.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList()) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
