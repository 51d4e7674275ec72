package dev.gantry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads request bodies and query parameters, naming the field of every problem. */
public final class Requests {
  private static final int MAX_LIMIT = 1000;

  private Requests() {}

  /** The JSON object body; an empty body is an empty object when {@code optional}. */
  public static Body body(Context ctx, boolean optional) {
    String text = ctx.body();
    if (text.isBlank()) {
      if (optional) {
        return new Body(Map.of());
      }
      throw new ApiException(400, "missing_body", "request body: expected a JSON object");
    }
    Object parsed;
    try {
      parsed = ServerJson.MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw ErrorMapper.malformedJson(e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ApiException(
          400,
          "invalid_request",
          "request body: expected a JSON object, got " + Fields.describe(parsed));
    }
    return new Body(Fields.stringKeys(map));
  }

  /** A request body with typed access; problems are collected and thrown by {@link #check}. */
  public static final class Body {
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Object> raw;
    private final Fields fields;

    Body(Map<String, Object> raw) {
      this.raw = raw;
      this.fields = new Fields(raw, "", problems);
    }

    public Fields fields() {
      return fields;
    }

    public Map<String, Object> raw() {
      return raw;
    }

    public boolean has(String key) {
      return raw.containsKey(key);
    }

    /** An object value ({@code null} when absent); anything else is a problem. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String key) {
      Object v = raw.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Map<?, ?>) {
        return (Map<String, Object>) v;
      }
      fields.problem(key, "expected an object, got " + Fields.describe(v));
      return null;
    }

    /** Fails with every problem found so far, each with its field. */
    public void check() {
      if (!problems.isEmpty()) {
        throw new InvalidInputException("invalid request body", List.copyOf(problems));
      }
    }
  }

  /** An integer query parameter in {@code [min, max]}, or {@code fallback} when absent. */
  public static int intQuery(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        "query." + name,
        "expected an integer from " + min + " to " + max + ", got '" + clip(text) + "'");
  }

  /** A boolean query parameter ({@code true} or {@code false}), false when absent. */
  public static boolean bool(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return false;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidInputException(
              "query." + name, "expected true or false, got '" + clip(text) + "'");
    };
  }

  public static int limit(Context ctx, int fallback) {
    return intQuery(ctx, "limit", fallback, 1, MAX_LIMIT);
  }

  public static int offset(Context ctx) {
    return intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  /** A query parameter that must be one of {@code allowed} (case-insensitive), or null. */
  public static String oneOf(Context ctx, String name, List<String> allowed) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!allowed.contains(lower)) {
      throw new InvalidInputException(
          "query." + name,
          "expected one of " + String.join(", ", allowed) + ", got '" + clip(text) + "'");
    }
    return lower;
  }

  /** A page of {@code items}. */
  public static <T> List<T> page(List<T> items, int limit, int offset) {
    if (offset >= items.size()) {
      return List.of();
    }
    return items.subList(offset, Math.min(items.size(), offset + limit));
  }

  /** A user-supplied text shortened for an error message. */
  public static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
