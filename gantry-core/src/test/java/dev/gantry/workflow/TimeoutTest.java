package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.WorkflowDefaults;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeouts per attempt, per step and per execution: each attempt gets the tightest limit and a
 * timeout names the limit that fired. The scripted {@code timeout} command reports at once that its
 * limit fired; {@code hang} really waits for it.
 */
class TimeoutTest {
  @TempDir Path dataDir;
  private Harness h;

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anAttemptTimeoutIsRetriedAndNamed() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
    Execution e =
        h.run(
            "{steps: [{name: s, command: [timeout], timeout_seconds: 2, retry: {max_retries: 1}}]}");

    assertThat(h.runner.requests).extracting(r -> r.timeout()).containsOnly(Duration.ofSeconds(2));
    assertThat(e.state()).isEqualTo(WorkflowState.TIMED_OUT);
    assertThat(e.step("s").state()).isEqualTo(StepState.TIMED_OUT);
    assertThat(e.step("s").attempts()).hasSize(2).allMatch(StepAttempt::timedOut);
    assertThat(e.step("s").error())
        .isEqualTo(
            "step 's' timed out after 2s and was killed: attempt timeout 2s (timeout_seconds)"
                + " (after 2 attempts)");
  }

  @Test
  void theStepTotalBoundsTheLastAttemptAndIsNotRetried() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
    Execution e =
        h.run(
            """
            steps:
              - name: s
                command: [flaky, '1', unavailable]
                timeout_seconds: 10
                total_timeout_seconds: 5
                retry: {backoff_factor: 2, jitter: false}
              - {name: t, command: [timeout], timeout_seconds: 10, total_timeout_seconds: 4, depends_on: [s]}
            """);

    // s: after its failed first attempt and a 2 s wait, 3 s of the 5 s total are left
    assertThat(h.runner.requests)
        .filteredOn(r -> r.stepName().equals("s"))
        .extracting(r -> r.timeout())
        .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(3));
    assertThat(e.step("s").state()).isEqualTo(StepState.COMPLETED);
    assertThat(e.step("t").attempts()).hasSize(1);
    assertThat(e.step("t").error())
        .isEqualTo(
            "step 't' timed out after 4s and was killed: step total 4s (total_timeout_seconds)");
  }

  @Test
  void theExecutionTimeoutCapsEveryAttemptAndIsNotRetried() {
    h = new Harness(dataDir, new WorkflowDefaults(5, 3, 0.5, false, true, ".cache", 60));
    Execution e = h.run("{steps: [{name: s, command: [timeout], timeout_seconds: 60}]}");

    assertThat(h.runner.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(5)));
    assertThat(e.state()).isEqualTo(WorkflowState.TIMED_OUT);
    assertThat(e.error())
        .isEqualTo(
            "step 's' timed out after 5s and was killed: execution 5s"
                + " (workflow_defaults.timeout_seconds)");
  }

  @Test
  void aRealHangIsKilledAtItsAttemptLimit() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
    Execution e =
        h.run("{steps: [{name: s, command: [hang], timeout_seconds: 1, retry: {max_retries: 0}}]}");
    assertThat(e.step("s").state()).isEqualTo(StepState.TIMED_OUT);
    assertThat(e.step("s").lastAttempt().exitCode()).isEqualTo(137);
    assertThat(e.step("s").error()).endsWith("attempt timeout 1s (timeout_seconds)");
  }
}
