package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.config.WorkflowDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries in the executor: schedule, classification, records and the execution's state. */
class RetryTest {
  @TempDir Path dataDir;
  private Harness h;

  @BeforeEach
  void open() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aFlakyStepIsRetriedOnThePinnedSchedule() {
    Execution e = h.run("{steps: [{name: s, command: [flaky, '2'], retryable_exit_codes: [75]}]}");

    // workflow_defaults: max_retries 3, factor 0.5, jitter, cap 30; jitter from new Random(42)
    assertThat(h.sleeps).containsExactly(Duration.ofMillis(614), Duration.ofMillis(1183));
    StepRun s = e.step("s");
    assertThat(e.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.state()).isEqualTo(StepState.COMPLETED);
    assertThat(s.attempts()).extracting(StepAttempt::number).containsExactly(1, 2, 3);
    assertThat(s.attempts()).extracting(StepAttempt::exitCode).containsExactly(75, 75, 0);
    assertThat(s.attempts())
        .extracting(StepAttempt::error)
        .containsExactly("step 's' exited with code 75", "step 's' exited with code 75", null);
    assertThat(s.lastAttempt().stdout()).isEqualTo("attempt 3\n");
    assertThat(h.runner.requests)
        .extracting(r -> r.env().get("GANTRY_ATTEMPT") + "/" + r.labels().get("gantry.attempt"))
        .containsExactly("1/1", "2/2", "3/3");
    List<Transition> history = h.gantry.statusManager().history(e.id());
    assertThat(history)
        .filteredOn(t -> t.subject().equals("execution"))
        .extracting(Transition::to)
        .containsExactly(
            "created",
            "queued",
            "running",
            "retrying",
            "running",
            "retrying",
            "running",
            "completed");
    assertThat(history)
        .filteredOn(t -> "retrying".equals(t.to()))
        .extracting(t -> ((Number) t.details().get("delay_ms")).longValue())
        .containsExactly(614L, 1183L);
    // on the fake clock, which only the waits move: back to running after each wait
    assertThat(history)
        .filteredOn(t -> t.subject().equals("execution") && t.from() != null)
        .filteredOn(t -> t.from().equals("retrying"))
        .extracting(Transition::at)
        .containsExactly(Harness.T0.plusMillis(614), Harness.T0.plusMillis(614 + 1183));
  }

  @Test
  void aStepsOwnRetrySettingsOverrideTheDefaults() {
    Execution e =
        h.run(
            """
            steps:
              - name: s
                command: [flaky, '9']
                retryable_exit_codes: [75]
                retry: {max_retries: 3, backoff_factor: 2, jitter: false, max_delay_seconds: 3}
            """);

    assertThat(h.sleeps)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
    assertThat(e.step("s").state()).isEqualTo(StepState.FAILED);
    assertThat(e.step("s").attempts()).hasSize(4);
    assertThat(e.step("s").error()).isEqualTo("step 's' exited with code 75 (after 4 attempts)");
    assertThat(e.error()).isEqualTo("step 's' exited with code 75 (after 4 attempts)");
  }

  @Test
  void anExitCodeThatIsNotListedFailsAtOnce() {
    Execution e = h.run("{steps: [{name: s, command: [fail, '3'], retryable_exit_codes: [75]}]}");
    assertThat(e.step("s").attempts()).hasSize(1);
    assertThat(e.step("s").error()).isEqualTo("step 's' exited with code 3");
    assertThat(h.sleeps).isEmpty();
  }

  @Test
  void aTransientRuntimeErrorIsRetriedWithoutListedExitCodes() {
    Execution e = h.run("{steps: [{name: s, command: [flaky, '1', unavailable]}]}");
    assertThat(e.step("s").state()).isEqualTo(StepState.COMPLETED);
    assertThat(e.step("s").attempts().get(0).error()).isEqualTo("step 's': engine went away");
    assertThat(h.sleeps).containsExactly(Duration.ofMillis(614));
  }

  @Test
  void aMissingImageIsNotRetried() {
    Execution e = h.run("{steps: [{name: s, command: [no-image], cache: never}]}");
    assertThat(e.step("s").attempts()).hasSize(1);
    assertThat(e.step("s").error()).isEqualTo("step 's': image 'nope' not found");
    assertThat(h.sleeps).isEmpty();
  }

  @Test
  void noRetryStartsWhenItsWaitWouldPassTheStepTotal() {
    Execution e =
        h.run(
            """
            steps:
              - name: s
                command: [flaky, '9']
                retryable_exit_codes: [75]
                total_timeout_seconds: 3
                retry: {max_retries: 5, backoff_factor: 1, jitter: false}
            """);

    assertThat(h.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(e.step("s").attempts()).hasSize(2);
    assertThat(e.step("s").state()).isEqualTo(StepState.FAILED);
    assertThat(e.step("s").error())
        .isEqualTo(
            "step 's' exited with code 75 (not retried: waiting 2s would pass the step total 3s"
                + " (total_timeout_seconds)) (after 2 attempts)");
  }

  @Test
  void cancellingWhileWaitingToRetryCancelsTheStep() throws Exception {
    h.sleepGate = new CountDownLatch(1);
    String task = h.task("{steps: [{name: s, command: [flaky, '1'], retryable_exit_codes: [75]}]}");
    ExecutionHandle handle = h.gantry.executeTaskWorkflowAsync(task, null, Map.of(), false);
    await().until(() -> handle.state() == WorkflowState.RETRYING);

    handle.cancel();
    Execution done = handle.await(Duration.ofSeconds(30));

    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("s").state()).isEqualTo(StepState.CANCELLED);
    assertThat(done.step("s").error()).isEqualTo("step 's' was cancelled while waiting to retry");
    assertThat(done.step("s").attempts()).hasSize(1);
    assertThat(h.runner.requests).hasSize(1);
  }
}
