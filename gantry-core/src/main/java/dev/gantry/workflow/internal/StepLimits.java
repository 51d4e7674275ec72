package dev.gantry.workflow.internal;

import dev.gantry.pipeline.StepSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * The time limits of a step's attempts: its own {@code timeout_seconds} per attempt (else {@code
 * defaultAttemptTimeout}), its {@code total_timeout_seconds} across attempts and the waits between
 * them, and the execution's deadline. Each attempt gets the tightest of them and knows which one it
 * is, so a timeout names the limit that fired.
 *
 * @param executionDeadline when the execution's {@code workflow_defaults.timeout_seconds} passes
 */
public record StepLimits(
    Instant executionDeadline, int executionTimeoutSeconds, Duration defaultAttemptTimeout) {

  /** Which limit bounds an attempt. */
  public enum Kind {
    ATTEMPT,
    STEP_TOTAL,
    EXECUTION
  }

  /**
   * The time an attempt may take and the limit that sets it.
   *
   * @param description e.g. {@code attempt timeout 2s (timeout_seconds)}
   */
  public record AttemptLimit(Duration timeout, Kind kind, String description) {
    /** True when no time is left. */
    public boolean exhausted() {
      return timeout.isNegative() || timeout.isZero();
    }
  }

  /**
   * The limit of an attempt of {@code step} starting at {@code now}, the step's first attempt
   * having started at {@code stepStart}. On a tie the wider limit is named (execution, then step
   * total).
   */
  public AttemptLimit forAttempt(StepSpec step, Instant stepStart, Instant now) {
    AttemptLimit limit =
        step.timeoutSeconds() != null
            ? new AttemptLimit(
                Duration.ofSeconds(step.timeoutSeconds()),
                Kind.ATTEMPT,
                "attempt timeout " + step.timeoutSeconds() + "s (timeout_seconds)")
            : new AttemptLimit(
                defaultAttemptTimeout,
                Kind.ATTEMPT,
                "attempt timeout "
                    + seconds(defaultAttemptTimeout)
                    + " (workflow_defaults.timeout_seconds)");
    if (step.totalTimeoutSeconds() != null) {
      Duration left = Duration.between(now, stepStart.plusSeconds(step.totalTimeoutSeconds()));
      limit =
          tighter(
              limit,
              new AttemptLimit(
                  left,
                  Kind.STEP_TOTAL,
                  "step total " + step.totalTimeoutSeconds() + "s (total_timeout_seconds)"));
    }
    Duration left = Duration.between(now, executionDeadline);
    return tighter(
        limit,
        new AttemptLimit(
            left,
            Kind.EXECUTION,
            "execution " + executionTimeoutSeconds + "s (workflow_defaults.timeout_seconds)"));
  }

  private static AttemptLimit tighter(AttemptLimit current, AttemptLimit wider) {
    return wider.timeout().compareTo(current.timeout()) <= 0 ? wider : current;
  }

  /** {@code 2s}, {@code 1.5s}, {@code 0.25s}: seconds without trailing zeros. */
  static String seconds(Duration d) {
    return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }
}
