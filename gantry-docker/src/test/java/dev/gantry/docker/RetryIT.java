package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries and timeouts on a real Docker engine. Each attempt is a fresh container that knows its
 * number from {@code GANTRY_ATTEMPT}, which makes a deterministic flaky step; the waits between
 * attempts are recorded instead of slept, with the jitter of {@code new Random(42)}.
 */
class RetryIT {
  @TempDir Path dataDir;
  private GantryOnDocker g;

  @BeforeEach
  void open() {
    g = new GantryOnDocker(dataDir);
  }

  @AfterEach
  void noContainerLeft() {
    try {
      assertThat(g.leftovers()).isEmpty();
    } finally {
      g.close();
    }
  }

  @Test
  void aStepThatFailsTwiceThenSucceedsIsRetriedOnThePinnedSchedule() {
    Execution e =
        g.run(
            """
            steps:
              - name: flaky
                command: 'echo attempt $GANTRY_ATTEMPT; test $GANTRY_ATTEMPT -ge 3'
                retryable_exit_codes: [1]
            """);

    assertThat(e.state()).isEqualTo(WorkflowState.COMPLETED);
    // workflow_defaults: max_retries 3, backoff 0.5, jitter on, cap 30 s
    assertThat(g.sleeps).containsExactly(Duration.ofMillis(614), Duration.ofMillis(1183));
    assertThat(e.step("flaky").attempts())
        .extracting(StepAttempt::exitCode)
        .containsExactly(1, 1, 0);
    assertThat(e.step("flaky").attempts())
        .extracting(StepAttempt::stdout)
        .containsExactly("attempt 1\n", "attempt 2\n", "attempt 3\n");
    assertThat(e.step("flaky").attempts().get(0).error())
        .isEqualTo("step 'flaky' exited with code 1");
    assertThat(g.runner.containers).hasSize(3).doesNotHaveDuplicates();
    assertThat(g.gantry.statusManager().history(e.id()))
        .filteredOn(t -> t.subject().equals("execution"))
        .extracting(t -> t.to())
        .containsSubsequence("running", "retrying", "running", "retrying", "running", "completed");
  }

  @Test
  void anAttemptTimeoutKillsTheContainerAndIsRetried() {
    Execution e =
        g.run(
            "{steps: [{name: slow, command: 'sleep 60', timeout_seconds: 1,"
                + " retry: {max_retries: 1}}]}");

    assertThat(e.state()).isEqualTo(WorkflowState.TIMED_OUT);
    assertThat(e.step("slow").state()).isEqualTo(StepState.TIMED_OUT);
    assertThat(e.step("slow").attempts()).hasSize(2).allMatch(StepAttempt::timedOut);
    assertThat(e.step("slow").error())
        .isEqualTo(
            "step 'slow' timed out after 1s and was killed: attempt timeout 1s (timeout_seconds)"
                + " (after 2 attempts)");
    assertThat(g.runner.containers).hasSize(2);
  }

  @Test
  void theStepTotalKillsTheContainerAndIsNotRetried() {
    Execution e =
        g.run(
            "{steps: [{name: slow, command: 'sleep 60', timeout_seconds: 30,"
                + " total_timeout_seconds: 2}]}");

    assertThat(e.state()).isEqualTo(WorkflowState.TIMED_OUT);
    assertThat(e.step("slow").attempts()).hasSize(1);
    assertThat(e.error())
        .isEqualTo(
            "step 'slow' timed out after 2s and was killed: step total 2s (total_timeout_seconds)");
  }
}
