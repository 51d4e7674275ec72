package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StateMachineTest {
  @ParameterizedTest
  @CsvSource({
    "created, queued", "created, cancelled", "queued, running", "queued, cancelled",
    "running, retrying", "retrying, running", "running, completed", "running, failed",
    "running, cancelled", "running, timed_out", "running, queued", "retrying, queued"
  })
  void allowedWorkflowTransitions(String from, String to) {
    assertThat(WorkflowState.parse(from).canMoveTo(WorkflowState.parse(to))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "created, running", "created, completed", "queued, completed", "queued, retrying",
    "running, created", "completed, running", "failed, running", "cancelled, queued",
    "timed_out, completed", "completed, failed"
  })
  void illegalWorkflowTransitionsThrow(String from, String to) {
    WorkflowState state = WorkflowState.parse(from);
    assertThatThrownBy(() -> state.checkTransition("execution e1", WorkflowState.parse(to)))
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageStartingWith("execution e1: illegal state transition " + from + " -> " + to);
  }

  @ParameterizedTest
  @EnumSource(
      value = WorkflowState.class,
      names = {"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"})
  void terminalStatesNeverChange(WorkflowState terminal) {
    assertThat(terminal.isTerminal()).isTrue();
    for (WorkflowState next : WorkflowState.values()) {
      assertThat(terminal.canMoveTo(next)).isFalse();
    }
    assertThatThrownBy(() -> terminal.checkTransition("x", WorkflowState.RUNNING))
        .hasMessageContaining("is terminal");
  }

  @ParameterizedTest
  @CsvSource({
    "pending, completed",
    "pending, failed",
    "completed, running",
    "skipped, running",
    "cached, failed"
  })
  void illegalStepTransitionsThrow(String from, String to) {
    StepState state = StepState.parse(from);
    assertThatThrownBy(() -> state.checkTransition("step 'a'", StepState.parse(to)))
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("step 'a': illegal state transition " + from + " -> " + to);
  }

  @ParameterizedTest
  @CsvSource({
    "pending, running",
    "pending, cached",
    "pending, skipped",
    "running, timed_out",
    "running, cancelled",
    "running, pending"
  })
  void allowedStepTransitions(String from, String to) {
    assertThat(StepState.parse(from).canMoveTo(StepState.parse(to))).isTrue();
  }

  @org.junit.jupiter.api.Test
  void flags() {
    assertThat(WorkflowState.COMPLETED.isSuccessful()).isTrue();
    assertThat(WorkflowState.FAILED.isSuccessful()).isFalse();
    assertThat(StepState.CACHED.isSuccessful()).isTrue();
    assertThat(StepState.SKIPPED.isSuccessful()).isFalse();
    assertThatThrownBy(() -> WorkflowState.parse("done"))
        .hasMessageContaining("status: expected one of created, queued, running");
  }
}
