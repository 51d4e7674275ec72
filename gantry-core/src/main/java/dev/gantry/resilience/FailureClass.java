package dev.gantry.resilience;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import java.util.List;

/**
 * Whether a failed step attempt is worth another try, and why. The rules (also in {@code
 * docs/resilience.md}):
 *
 * <ul>
 *   <li>an error the runtime marks retryable ({@link GantryException#isRetryable()}: engine
 *       unreachable, 5xx answers, pull timeouts, broken streams) is transient;
 *   <li>image not found, unauthorized pulls, invalid input (a bad spec, an undefined secret) and
 *       cancellation are permanent, as is any other error;
 *   <li>a container that exited non-zero is transient only when its code is in the step's {@code
 *       retryable_exit_codes};
 *   <li>a container killed for running out of memory, or that did not produce its declared outputs,
 *       is permanent: the same input fails the same way;
 *   <li>an attempt killed by its own {@code timeout_seconds} is transient; one killed by the step's
 *       {@code total_timeout_seconds} or the execution's timeout is not (no time is left).
 * </ul>
 */
public record FailureClass(boolean retryable, String reason) {
  /** The class of an error thrown by the runtime or while preparing the attempt. */
  public static FailureClass of(RuntimeException error) {
    if (error instanceof StepCancelledException) {
      return new FailureClass(false, "cancelled");
    }
    if (error instanceof ImageNotFoundException) {
      return new FailureClass(false, "image not found or not pullable");
    }
    if (error instanceof InvalidInputException) {
      return new FailureClass(false, "invalid step definition");
    }
    if (error instanceof GantryException g && g.isRetryable()) {
      return new FailureClass(true, "transient runtime error");
    }
    return new FailureClass(false, "permanent error");
  }

  /**
   * The class of a container that ran and did not succeed.
   *
   * @param attemptLimitFired when the outcome timed out: the attempt's own limit fired (not the
   *     step total or the execution's)
   */
  public static FailureClass of(
      StepOutcome outcome, List<Integer> retryableExitCodes, boolean attemptLimitFired) {
    if (outcome.timedOut()) {
      return attemptLimitFired
          ? new FailureClass(true, "attempt timed out")
          : new FailureClass(false, "no time left");
    }
    if (outcome.oomKilled()) {
      return new FailureClass(false, "out of memory");
    }
    if (outcome.exitCode() != 0) {
      return retryableExitCodes.contains(outcome.exitCode())
          ? new FailureClass(true, "retryable exit code " + outcome.exitCode())
          : new FailureClass(false, "exit code not in retryable_exit_codes");
    }
    return new FailureClass(false, "declared outputs missing");
  }
}
