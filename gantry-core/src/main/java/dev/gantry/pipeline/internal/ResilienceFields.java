package dev.gantry.pipeline.internal;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.StepCache;
import dev.gantry.pipeline.StepRetry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads and writes a step's cache and retry keys: {@code cache}, {@code retry} and {@code
 * retryable_exit_codes} (see {@code docs/caching.md} and {@code docs/resilience.md}).
 */
public final class ResilienceFields {
  /** The keys of a step's {@code cache} object. */
  public static final List<String> CACHE_KEYS = List.of("ttl_seconds", "salt");

  /** The keys of a step's {@code retry} object. */
  public static final List<String> RETRY_KEYS =
      List.of("max_retries", "backoff_factor", "jitter", "max_delay_seconds");

  private static final String CACHE_EXPECTED =
      "expected 'never' or an object with ttl_seconds and/or salt, got ";

  private ResilienceFields() {}

  /**
   * The step's {@code cache} policy, {@code null} when absent or bad; {@code unknownKeys} reports
   * keys of the object that are not in the given list.
   */
  public static StepCache cache(Fields step, BiConsumer<Fields, List<String>> unknownKeys) {
    Object raw = step.raw("cache");
    if (raw == null) {
      return null;
    }
    if (raw instanceof String s && s.trim().equalsIgnoreCase("never")) {
      return StepCache.NEVER;
    }
    if (!(raw instanceof Map<?, ?>)) {
      step.problem("cache", CACHE_EXPECTED + Fields.describe(raw));
      return null;
    }
    Fields f = step.object("cache");
    int before = f.problems().size();
    unknownKeys.accept(f, CACHE_KEYS);
    Long ttl = f.longInteger("ttl_seconds", 1);
    String salt = f.string("salt");
    return f.problems().size() > before ? null : new StepCache(false, ttl, salt);
  }

  /** The step's {@code retry} settings, {@code null} when absent or bad. */
  public static StepRetry retry(Fields step, BiConsumer<Fields, List<String>> unknownKeys) {
    Fields f = step.object("retry");
    if (f == null) {
      return null;
    }
    int before = f.problems().size();
    unknownKeys.accept(f, RETRY_KEYS);
    Integer maxRetries = f.integer("max_retries", 0);
    Double factor = f.number("backoff_factor", 0);
    Boolean jitter = f.bool("jitter");
    Double maxDelay = f.number("max_delay_seconds", 0);
    return f.problems().size() > before
        ? null
        : new StepRetry(maxRetries, factor, jitter, maxDelay);
  }

  /** The step's {@code retryable_exit_codes}: integers from 1 to 255; {@code null} when bad. */
  public static List<Integer> exitCodes(Fields step) {
    Object raw = step.raw("retryable_exit_codes");
    if (raw == null) {
      return null;
    }
    if (!(raw instanceof List<?> list)) {
      step.problem(
          "retryable_exit_codes",
          "expected a list of exit codes from 1 to 255, got " + Fields.describe(raw));
      return null;
    }
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      BigInteger code = Fields.toBigInteger(list.get(i));
      if (code == null || code.signum() <= 0 || code.compareTo(BigInteger.valueOf(255)) > 0) {
        step.problems()
            .add(
                new Problem(
                    Fields.index(step.pathOf("retryable_exit_codes"), i),
                    "expected an exit code from 1 to 255, got " + Fields.describe(list.get(i))));
      } else {
        codes.add(code.intValue());
      }
    }
    return codes.size() == list.size() ? codes : null;
  }

  /** The definition form of {@code cache}: {@code never}, an object, or {@code null} (default). */
  public static Object toDefinition(StepCache cache) {
    if (cache.never()) {
      return "never";
    }
    if (cache.isDefault()) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    putIf(map, "ttl_seconds", cache.ttlSeconds());
    putIf(map, "salt", cache.salt());
    return map;
  }

  /** The definition form of {@code retry}, or {@code null} when nothing is overridden. */
  public static Map<String, Object> toDefinition(StepRetry retry) {
    if (retry.isDefault()) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    putIf(map, "max_retries", retry.maxRetries());
    putIf(map, "backoff_factor", retry.backoffFactor());
    putIf(map, "jitter", retry.jitter());
    putIf(map, "max_delay_seconds", retry.maxDelaySeconds());
    return map;
  }

  private static void putIf(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
