package dev.gantry.resilience;

import dev.gantry.config.WorkflowDefaults;
import dev.gantry.pipeline.StepRetry;
import java.time.Duration;
import java.util.Random;

/**
 * How often and how long apart a step's transient failures are retried: at most {@code maxRetries}
 * retries after the first attempt, the {@code n}-th after a delay of {@code min(maxDelaySeconds,
 * backoffFactor · 2^(n-1))} seconds, multiplied by a factor uniform in [0.5, 1.5) when {@code
 * jitter} is on (so a jittered delay may reach 1.5 × the cap). See {@code docs/resilience.md}.
 */
public record RetryPolicy(
    int maxRetries, double backoffFactor, boolean jitter, double maxDelaySeconds) {
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
    }
    if (!(backoffFactor >= 0) || !Double.isFinite(backoffFactor)) {
      throw new IllegalArgumentException("backoffFactor must be >= 0, got " + backoffFactor);
    }
    if (!(maxDelaySeconds >= 0) || !Double.isFinite(maxDelaySeconds)) {
      throw new IllegalArgumentException("maxDelaySeconds must be >= 0, got " + maxDelaySeconds);
    }
  }

  /** The policy of a step: its own {@code retry} settings over {@code workflow_defaults}. */
  public static RetryPolicy of(WorkflowDefaults defaults, StepRetry step) {
    return new RetryPolicy(
        step.maxRetries() != null ? step.maxRetries() : defaults.maxRetries(),
        step.backoffFactor() != null ? step.backoffFactor() : defaults.retryBackoffFactor(),
        step.jitter() != null ? step.jitter() : defaults.retryJitter(),
        step.maxDelaySeconds() != null ? step.maxDelaySeconds() : defaults.retryMaxDelaySeconds());
  }

  /** How many attempts a step may get in all: the first one and the retries. */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * The wait before retry {@code retry} (1 for the wait before the second attempt), rounded to the
   * millisecond. Draws one {@code nextDouble()} from {@code random} when jitter is on.
   */
  public Duration delay(int retry, Random random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
    }
    double seconds = Math.min(maxDelaySeconds, backoffFactor * Math.pow(2, retry - 1));
    if (jitter) {
      seconds *= 0.5 + random.nextDouble();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
