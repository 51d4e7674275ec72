package dev.gantry.workflow.internal;

import dev.gantry.store.StaleVersionException;
import dev.gantry.store.Store;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.LateWriteException;
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
  private volatile boolean suspending;

  public ExecutionRecorder(Store store, Clock clock, Execution stored) {
    this.store = store;
    this.clock = clock;
    this.current = stored;
  }

  public synchronized Execution current() {
    return current;
  }

  /**
   * From now on, steps that are interrupted go back to {@code pending} instead of ending {@code
   * cancelled}: a graceful shutdown is stopping them ({@code docs/durability.md}).
   */
  public void markSuspending() {
    suspending = true;
  }

  public boolean suspending() {
    return suspending;
  }

  /** A running step whose container a shutdown stopped goes back to {@code pending}. */
  public StepRun suspendStep(String step) {
    return updateStep(
        step, StepRun::suspended, Map.of("reason", "shutdown stopped the step; it runs again"));
  }

  /** Moves the execution to {@code next} (checked against the state machine) and records it. */
  public synchronized Execution moveTo(WorkflowState next, Map<String, Object> details) {
    WorkflowState from = current.state();
    current =
        write(
            current.moveTo(next, clock.instant()),
            transition("execution", from.wireName(), next.wireName(), details),
            "move to " + next.wireName());
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
    Transition changed =
        before.state() == after.state()
            ? null
            : transition(
                "step:" + step, before.state().wireName(), after.state().wireName(), details);
    current =
        write(
            current.withSteps(steps),
            changed,
            "record step '" + step + "' " + after.state().wireName());
    return after;
  }

  /** Moves a pending step straight to a terminal state (skipped, cancelled, cached). */
  public StepRun settlePending(String step, StepState next, String reason) {
    return updateStep(
        step,
        s -> s.finished(next, s.outputs(), reason, clock.instant()),
        reason == null ? Map.of() : Map.of("reason", reason));
  }

  /**
   * Ends the execution: sets its error ({@code null} result, stored later) and moves it to {@code
   * end} with its transition, in one write.
   */
  public synchronized Execution finish(
      WorkflowState end, String error, Map<String, Object> details) {
    WorkflowState from = current.state();
    current =
        write(
            current.withOutcome(null, error).moveTo(end, clock.instant()),
            transition("execution", from.wireName(), end.wireName(), details),
            "move to " + end.wireName());
    return current;
  }

  /** Sets the execution's result and error (before its final transition). */
  public synchronized Execution setOutcome(Map<String, Object> result, String error) {
    current = write(current.withOutcome(result, error), null, "set its result");
    return current;
  }

  /**
   * Stores {@code next} and, in the same transaction, {@code transition} (if not null): one commit
   * per state change. If someone else changed the record meanwhile (another instance took the
   * execution over), the change is dropped, its transition too: {@link LateWriteException} when the
   * stored record is already terminal (a late result never overwrites it), else the {@link
   * StaleVersionException}.
   */
  private Execution write(Execution next, Transition transition, String what) {
    try {
      return store.updateExecution(next, transition);
    } catch (StaleVersionException e) {
      Execution stored = store.findExecution(next.id()).orElse(null);
      if (stored != null && stored.state().isTerminal()) {
        throw new LateWriteException(
            "execution "
                + next.id()
                + " is already "
                + stored.state().wireName()
                + "; this instance's late attempt to "
                + what
                + " was dropped");
      }
      throw e;
    }
  }

  private Transition transition(
      String subject, String from, String to, Map<String, Object> details) {
    return new Transition(current.id().value(), subject, from, to, clock.instant(), details);
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
