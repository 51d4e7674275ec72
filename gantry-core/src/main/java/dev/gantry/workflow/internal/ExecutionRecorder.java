package dev.gantry.workflow.internal;

import dev.gantry.store.Store;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.WorkflowState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one writer of an execution's record while it runs. Serialises the step threads' changes,
 * persists each with optimistic locking and appends every state change to the history.
 */
public final class ExecutionRecorder {
  private final Store store;
  private final Clock clock;
  private Execution current;
  private int retryWaits;

  public ExecutionRecorder(Store store, Clock clock, Execution stored) {
    this.store = store;
    this.clock = clock;
    this.current = stored;
  }

  public synchronized Execution current() {
    return current;
  }

  /** Moves the execution to {@code next} (checked against the state machine) and records it. */
  public synchronized Execution moveTo(WorkflowState next, Map<String, Object> details) {
    WorkflowState from = current.state();
    current = store.updateExecution(current.moveTo(next, clock.instant()));
    record("execution", from.wireName(), next.wireName(), details);
    return current;
  }

  /**
   * A step starts waiting to retry: the execution moves {@code running → retrying} unless another
   * step already waits. {@code details} (step, attempt, delay, error) go into that transition.
   */
  public synchronized void retryWaitStarted(Map<String, Object> details) {
    retryWaits++;
    if (current.state() == WorkflowState.RUNNING) {
      moveTo(WorkflowState.RETRYING, details);
    }
  }

  /**
   * A step stopped waiting: when no step waits any more, the execution is {@code running} again.
   */
  public synchronized void retryWaitEnded(Map<String, Object> details) {
    retryWaits--;
    if (retryWaits == 0 && current.state() == WorkflowState.RETRYING) {
      moveTo(WorkflowState.RUNNING, details);
    }
  }

  /** Applies {@code change} to the step's record, persists it and records a state change. */
  public synchronized StepRun updateStep(
      String step, UnaryOperator<StepRun> change, Map<String, Object> details) {
    List<StepRun> steps = new ArrayList<>(current.steps());
    int index = indexOf(steps, step);
    StepRun before = steps.get(index);
    StepRun after = change.apply(before);
    steps.set(index, after);
    current = store.updateExecution(current.withSteps(steps));
    if (before.state() != after.state()) {
      record("step:" + step, before.state().wireName(), after.state().wireName(), details);
    }
    return after;
  }

  /** Moves a pending step straight to a terminal state (skipped, cancelled, cached). */
  public StepRun settlePending(String step, StepState next, String reason) {
    return updateStep(
        step,
        s -> s.finished(next, s.outputs(), reason, clock.instant()),
        reason == null ? Map.of() : Map.of("reason", reason));
  }

  /** Sets the execution's result and error (before its final transition). */
  public synchronized Execution setOutcome(Map<String, Object> result, String error) {
    current = store.updateExecution(current.withOutcome(result, error));
    return current;
  }

  private void record(String subject, String from, String to, Map<String, Object> details) {
    store.appendTransition(
        new Transition(current.id().value(), subject, from, to, clock.instant(), details));
  }

  private static int indexOf(List<StepRun> steps, String name) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no step '" + name + "'");
  }
}
