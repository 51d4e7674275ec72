package dev.gantry.api.internal;

import dev.gantry.secret.SecretMask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Removes secret values from parameters before they are stored or shown. */
public final class Redaction {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|api_?key|private_?key).*");

  private Redaction() {}

  /** True for a name that looks like it holds a secret ({@code API_TOKEN}, {@code db_password}). */
  public static boolean secretName(String name) {
    return name != null && SECRET_KEY.matcher(name).matches();
  }

  /**
   * A copy of {@code params} with the values of secret-looking keys replaced by {@value
   * SecretMask#MASK}.
   */
  public static Map<String, Object> params(Map<String, ?> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? SecretMask.MASK : value(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v) {
    if (v instanceof Map<?, ?> m) {
      return params((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Redaction::value).toList();
    }
    return v;
  }
}
