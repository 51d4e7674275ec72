package dev.gantry.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureClassTest {
  private static StepOutcome outcome(
      int exit, boolean oom, boolean timedOut, List<String> missing) {
    return new StepOutcome(
        "c1", exit, oom, timedOut, "", "", Map.of(), missing, Instant.EPOCH, Instant.EPOCH);
  }

  @Test
  void transientRuntimeErrorsAreRetryable() {
    assertThat(FailureClass.of(new RuntimeUnavailableException("engine down", null)).retryable())
        .isTrue();
    assertThat(FailureClass.of(new GantryException("HTTP 500 from the engine", null, true)))
        .isEqualTo(new FailureClass(true, "transient runtime error"));
  }

  @Test
  void permanentErrorsAreNot() {
    assertThat(FailureClass.of(new ImageNotFoundException("no such image", null)).retryable())
        .isFalse();
    assertThat(FailureClass.of(new StepCancelledException("cancelled")).retryable()).isFalse();
    assertThat(FailureClass.of(new InvalidInputException("secrets", "not defined")).retryable())
        .isFalse();
    assertThat(FailureClass.of(new GantryException("unauthorized")).retryable()).isFalse();
  }

  @Test
  void nonZeroExitIsRetryableOnlyWhenListed() {
    assertThat(FailureClass.of(outcome(75, false, false, List.of()), List.of(75), true))
        .isEqualTo(new FailureClass(true, "retryable exit code 75"));
    assertThat(FailureClass.of(outcome(1, false, false, List.of()), List.of(75), true).retryable())
        .isFalse();
    assertThat(FailureClass.of(outcome(1, false, false, List.of()), List.of(), true).retryable())
        .isFalse();
  }

  @Test
  void outOfMemoryAndMissingOutputsAreNotRetryable() {
    assertThat(FailureClass.of(outcome(137, true, false, List.of()), List.of(137), true))
        .isEqualTo(new FailureClass(false, "out of memory"));
    assertThat(FailureClass.of(outcome(0, false, false, List.of("/out")), List.of(), true))
        .isEqualTo(new FailureClass(false, "declared outputs missing"));
  }

  @Test
  void onlyTheAttemptsOwnTimeoutIsRetryable() {
    StepOutcome timedOut = outcome(137, false, true, List.of());
    assertThat(FailureClass.of(timedOut, List.of(), true).retryable()).isTrue();
    assertThat(FailureClass.of(timedOut, List.of(), false))
        .isEqualTo(new FailureClass(false, "no time left"));
  }
}
