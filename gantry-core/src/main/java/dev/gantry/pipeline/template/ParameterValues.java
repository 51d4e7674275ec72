package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Fields;
import dev.gantry.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Typed values of template parameters: checks a value against its parameter's type and gives it in
 * normal form. Text is accepted where it reads unambiguously as the type ({@code "3"} for an
 * integer, {@code "true"} for a boolean, JSON text for an array or object), since command lines and
 * query strings only carry text.
 */
final class ParameterValues {
  private ParameterValues() {}

  /**
   * {@code value} as a value of {@code p}'s type; {@code null} after adding a problem at {@code
   * path} when it is not one.
   */
  static Object check(TemplateParameter p, Object value, String path, List<Problem> problems) {
    Object normal =
        p.type() == ParameterType.ENUM ? allowed(p.allowed(), value) : coerce(p.type(), value);
    if (normal == null) {
      problems.add(new Problem(path, "expected " + expected(p) + ", got " + describe(value)));
    }
    return normal;
  }

  /** What a value of {@code p} must be, as in {@code expected an integer}. */
  static String expected(TemplateParameter p) {
    return p.type() == ParameterType.ENUM
        ? "one of "
            + p.allowed().stream().map(ParameterValues::text).collect(Collectors.joining(", "))
        : expected(p.type());
  }

  static String expected(ParameterType type) {
    return switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case INTEGER -> "an integer";
      case BOOLEAN -> "a boolean (true or false)";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case ENUM -> "one of the allowed values";
    };
  }

  /** A value of a base type in normal form, or {@code null} when it is not one. */
  static Object coerce(ParameterType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case STRING -> value instanceof String ? value : null;
      case INTEGER -> integer(value);
      case NUMBER -> number(value);
      case BOOLEAN -> bool(value);
      case ARRAY -> value instanceof List<?> ? value : json(value, '[', List.class);
      case OBJECT -> value instanceof Map<?, ?> ? value : json(value, '{', Map.class);
      case ENUM -> null;
    };
  }

  private static Object allowed(List<Object> allowed, Object value) {
    if (value == null) {
      return null;
    }
    for (Object a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    for (Object a : allowed) {
      boolean sameText = text(a).equals(text(value));
      if (sameText && (value instanceof String || a instanceof String || numeric(a, value))) {
        return a;
      }
    }
    return null;
  }

  private static boolean numeric(Object a, Object b) {
    return a instanceof Number && b instanceof Number;
  }

  private static Object integer(Object value) {
    BigInteger n = null;
    if (value instanceof BigDecimal d) {
      try {
        n = d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        return null;
      }
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      n = Double.isFinite(d) && d == Math.rint(d) ? BigDecimal.valueOf(d).toBigInteger() : null;
    } else if (value instanceof String || value instanceof Number) {
      n = Fields.toBigInteger(value);
    }
    return n == null ? null : smallest(n);
  }

  private static Object smallest(BigInteger n) {
    if (n.bitLength() < 32) {
      return n.intValue();
    }
    return n.bitLength() < 64 ? (Object) n.longValue() : n;
  }

  private static Object number(Object value) {
    if (value instanceof Number n) {
      return Double.isFinite(n.doubleValue()) ? n : null;
    }
    if (value instanceof String s) {
      try {
        BigDecimal d = new BigDecimal(s.trim());
        Object whole = integer(d);
        return whole != null && d.scale() <= 0 ? whole : d;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Object bool(Object value) {
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.valueOf(s);
    }
    return null;
  }

  private static Object json(Object value, char first, Class<?> type) {
    if (!(value instanceof String s) || !s.stripLeading().startsWith(String.valueOf(first))) {
      return null;
    }
    try {
      Object parsed = Documents.read(s, Documents.Format.JSON, "parameter");
      return type.isInstance(parsed) ? parsed : null;
    } catch (InvalidInputException e) {
      return null;
    }
  }

  /**
   * The text of a value as substituted into a command or env var: strings as they are, numbers as
   * written, arrays and objects as JSON.
   */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number n) {
      return Fields.text(n);
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return Json.write(value);
    }
    return String.valueOf(value);
  }

  /** How a value is shown in an error: {@code 'abc' (a string)}, {@code 3.5 (a number)}, ... */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String s ? "'" + s + "'" : text(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    String kind =
        switch (value) {
          case String s -> "a string";
          case Boolean b -> "a boolean";
          case Number n -> "a number";
          case List<?> l -> "an array";
          case Map<?, ?> m -> "an object";
          default -> "a " + value.getClass().getSimpleName();
        };
    return text + " (" + kind + ")";
  }

  /**
   * The parameters of a template as listed in errors: {@code command (string, required), image
   * (string, default busybox:latest)}.
   */
  static String listing(List<TemplateParameter> parameters) {
    if (parameters.isEmpty()) {
      return "none";
    }
    return parameters.stream().map(ParameterValues::summary).collect(Collectors.joining(", "));
  }

  static String summary(TemplateParameter p) {
    String type =
        p.type() == ParameterType.ENUM
            ? "enum: "
                + p.allowed().stream().map(ParameterValues::text).collect(Collectors.joining("|"))
            : p.type().wireName();
    String presence;
    if (p.required()) {
      presence = "required";
    } else {
      String d = text(p.defaultValue());
      presence = "default " + (d.isEmpty() ? "''" : d);
    }
    return p.name() + " (" + type + ", " + presence + ")";
  }
}
