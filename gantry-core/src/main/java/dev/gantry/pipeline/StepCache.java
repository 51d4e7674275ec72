package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.InvalidInputException;

/**
 * A step's cache policy (step key {@code cache}): {@code cache: never}, or {@code cache:
 * {ttl_seconds: N, salt: TEXT}}. {@code null} fields take {@code workflow_defaults}'s values.
 *
 * @param never the step is never read from nor written to the step cache
 * @param ttlSeconds how long an entry of this step is a hit; {@code null}: {@code
 *     workflow_defaults.cache_ttl_seconds}
 * @param salt extra text in the step's cache key; change it to force a re-run
 */
public record StepCache(boolean never, @JsonProperty("ttl_seconds") Long ttlSeconds, String salt) {
  /** Cached with the configured TTL. */
  public static final StepCache DEFAULT = new StepCache(false, null, null);

  /** Never cached. */
  public static final StepCache NEVER = new StepCache(true, null, null);

  public StepCache {
    if (ttlSeconds != null && ttlSeconds < 1) {
      throw new InvalidInputException(
          "cache.ttl_seconds", "expected a positive number of seconds, got " + ttlSeconds);
    }
    if (never && (ttlSeconds != null || salt != null)) {
      throw new InvalidInputException(
          "cache", "a step with 'cache: never' takes no ttl_seconds or salt");
    }
  }

  /** True when this is the default policy (nothing to write in a definition). */
  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
