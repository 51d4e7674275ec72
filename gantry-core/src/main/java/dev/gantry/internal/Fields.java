package dev.gantry.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Typed reading of one object of a JSON-like tree (as read by {@link Documents} or given as a map).
 * A bad value does not throw: it adds a {@link Problem} that names the full path (for example
 * {@code steps[2].timeout_seconds}) to a shared list and the getter returns {@code null}, so that a
 * caller reports every problem of a document at once.
 *
 * <p>Numbers and booleans are also accepted as strings ({@code "600"}, {@code "true"}), which is
 * what {@code ${VAR}} expansion produces.
 */
public final class Fields {
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

  private final Map<String, Object> map;
  private final String path;
  private final List<Problem> problems;

  public Fields(Map<?, ?> map, String path, List<Problem> problems) {
    this.map = stringKeys(map);
    this.path = path == null ? "" : path;
    this.problems = problems;
  }

  /** Fields of {@code value}, or {@code null} after adding a problem when it is not an object. */
  public static Fields of(Object value, String path, List<Problem> problems) {
    if (value instanceof Map<?, ?> m) {
      return new Fields(m, path, problems);
    }
    problems.add(new Problem(path, "expected an object, got " + describe(value)));
    return null;
  }

  public String path() {
    return path;
  }

  /** The path of one key of this object. */
  public String pathOf(String key) {
    return join(path, key);
  }

  public static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }

  public static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Adds a problem at {@code key} of this object. */
  public void problem(String key, String message) {
    problems.add(new Problem(pathOf(key), message));
  }

  /** Adds a problem about this object itself. */
  public void problem(String message) {
    problems.add(new Problem(path, message));
  }

  /**
   * Runs a check that throws {@link InvalidInputException} with paths relative to this object, and
   * records its problems with this object's path in front.
   */
  public boolean check(Runnable check) {
    Supplier<Boolean> run =
        () -> {
          check.run();
          return true;
        };
    return checked(run) != null;
  }

  /** Like {@link #check} for a check that returns a value; {@code null} when it threw. */
  public <T> T checked(Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        problems.add(new Problem(prefixed(path, p.path()), p.message()));
      }
      return null;
    }
  }

  private static String prefixed(String prefix, String path) {
    if (path == null || path.isEmpty()) {
      return prefix;
    }
    if (prefix.isEmpty() || path.startsWith("[")) {
      return prefix + path;
    }
    return prefix + "." + path;
  }

  /** True when the key is present with a non-null value. */
  public boolean has(String key) {
    return map.get(key) != null;
  }

  public Object raw(String key) {
    return map.get(key);
  }

  public Set<String> keys() {
    return map.keySet();
  }

  /** The keys of this object that are not in {@code known}, in document order. */
  public List<String> unknownKeys(Collection<String> known) {
    return map.keySet().stream().filter(k -> !known.contains(k)).toList();
  }

  /** A string value; {@code null} when absent. */
  public String string(String key) {
    Object v = map.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    problem(key, "expected a string, got " + describe(v));
    return null;
  }

  /** A string value that must be present. */
  public String requiredString(String key) {
    if (!has(key)) {
      problem(key, "is required");
      return null;
    }
    return string(key);
  }

  /** An integer {@code >= min} that fits an {@code int}; {@code null} when absent or bad. */
  public Integer integer(String key, int min) {
    Long value = longInteger(key, min, Integer.MAX_VALUE);
    return value == null ? null : value.intValue();
  }

  /** An integer {@code >= min}; {@code null} when absent or bad. */
  public Long longInteger(String key, long min) {
    return longInteger(key, min, Long.MAX_VALUE);
  }

  private Long longInteger(String key, long min, long max) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    String expected = integerKind(min);
    BigInteger n = toBigInteger(v);
    if (n == null) {
      problem(key, "expected " + expected + ", got " + describeValue(v));
      return null;
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0) {
      problem(key, "expected " + expected + ", got " + n);
      return null;
    }
    if (n.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(key, "expected " + expected + " of at most " + max + ", got " + n);
      return null;
    }
    return n.longValue();
  }

  private static String integerKind(long min) {
    if (min == 1) {
      return "a positive integer";
    }
    if (min == 0) {
      return "a non-negative integer";
    }
    return "an integer >= " + min;
  }

  /** The integer {@code v} holds (a whole number or a string of digits), else {@code null}. */
  public static BigInteger toBigInteger(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof String s && INTEGER.matcher(s.trim()).matches()) {
      return new BigInteger(s.trim());
    }
    return null;
  }

  /** A finite number {@code >= min}; {@code null} when absent or bad. */
  public Double number(String key, double min) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    Double d = toDouble(v);
    if (d == null || !Double.isFinite(d) || d < min) {
      String expected =
          min == Double.NEGATIVE_INFINITY
              ? "a number"
              : min == 0 ? "a non-negative number" : "a number >= " + min;
      problem(key, "expected " + expected + ", got " + describeValue(v));
      return null;
    }
    return d;
  }

  private static Double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return new BigDecimal(s.trim()).doubleValue();
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code true} or {@code false} (also as strings, any case); {@code null} when absent or bad. */
  public Boolean bool(String key) {
    Object v = map.get(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof String s) {
      if (s.trim().equalsIgnoreCase("true")) {
        return true;
      }
      if (s.trim().equalsIgnoreCase("false")) {
        return false;
      }
    }
    problem(key, "expected true or false, got " + describe(v));
    return null;
  }

  /** A list of strings; {@code null} when absent or bad (each bad element is a problem). */
  public List<String> strings(String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      problem(key, "expected a list of strings, got " + describe(v));
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String s) {
        out.add(s);
      } else {
        problems.add(
            new Problem(index(pathOf(key), i), "expected a string, got " + describe(list.get(i))));
        ok = false;
      }
    }
    return ok ? out : null;
  }

  /** The object at {@code key}; {@code null} when absent or not an object (a problem). */
  public Fields object(String key) {
    Object v = map.get(key);
    return v == null ? null : of(v, pathOf(key), problems);
  }

  /** Calls {@code reader} with the object at {@code key} when it is present and an object. */
  public void ifObject(String key, Consumer<Fields> reader) {
    Fields child = object(key);
    if (child != null) {
      reader.accept(child);
    }
  }

  /** How a value is named in an error message: {@code 'abc'}, {@code a number (3)}, ... */
  public static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Boolean b) {
      return "a boolean (" + b + ")";
    }
    if (value instanceof Number n) {
      return "a number (" + text(n) + ")";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    return "a " + value.getClass().getSimpleName();
  }

  /** Like {@link #describe} but numbers as written: for messages about a numeric range. */
  private static String describeValue(Object value) {
    return value instanceof Number n ? text(n) : describe(value);
  }

  /** A number as text, without exponent or trailing ".0" surprises for decimals as written. */
  public static String text(Number n) {
    return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
  }

  /** An order-keeping copy of a map with its keys as strings. */
  public static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
    }
    return out;
  }
}
