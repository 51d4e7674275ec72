package dev.gantry.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies of JSON-like maps (values may be null, order is kept). */
public final class Maps {
  private Maps() {}

  /** An unmodifiable, order-keeping copy; {@code null} becomes an empty map. */
  public static <V> Map<String, V> copy(Map<String, ? extends V> source) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }

  /** {@code base} with the entries of {@code patch} put over it (a shallow merge). */
  public static Map<String, Object> merge(
      Map<String, Object> base, Map<String, ? extends Object> patch) {
    LinkedHashMap<String, Object> merged = new LinkedHashMap<>(base);
    if (patch != null) {
      merged.putAll(patch);
    }
    return Collections.unmodifiableMap(merged);
  }

  /** An unmodifiable copy; {@code null} becomes an empty list. */
  public static <T> List<T> list(List<? extends T> source) {
    return source == null ? List.of() : List.copyOf(source);
  }
}
