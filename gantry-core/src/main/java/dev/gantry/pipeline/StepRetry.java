package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.InvalidInputException;

/**
 * A step's own retry settings (step key {@code retry}); each {@code null} field takes the value of
 * {@code workflow_defaults} ({@code max_retries}, {@code retry_backoff_factor}, {@code
 * retry_jitter}, {@code retry_max_delay_seconds}). See {@code docs/resilience.md}.
 */
public record StepRetry(
    @JsonProperty("max_retries") Integer maxRetries,
    @JsonProperty("backoff_factor") Double backoffFactor,
    Boolean jitter,
    @JsonProperty("max_delay_seconds") Double maxDelaySeconds) {
  /** No override: every setting from {@code workflow_defaults}. */
  public static final StepRetry DEFAULT = new StepRetry(null, null, null, null);

  public StepRetry {
    if (maxRetries != null && maxRetries < 0) {
      throw new InvalidInputException(
          "retry.max_retries", "expected a non-negative integer, got " + maxRetries);
    }
    checkSeconds("retry.backoff_factor", backoffFactor);
    checkSeconds("retry.max_delay_seconds", maxDelaySeconds);
  }

  private static void checkSeconds(String field, Double value) {
    if (value != null && (!Double.isFinite(value) || value < 0)) {
      throw new InvalidInputException(field, "expected a non-negative number, got " + value);
    }
  }

  /** True when nothing is overridden. */
  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
