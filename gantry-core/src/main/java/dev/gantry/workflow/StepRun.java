package dev.gantry.workflow;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The record of one step in an execution: its state, attempts and output artifacts. */
public record StepRun(
    String name,
    StepState state,
    List<StepAttempt> attempts,
    List<ArtifactRef> outputs,
    String error,
    Instant startedAt,
    Instant finishedAt) {
  public StepRun {
    state = state == null ? StepState.PENDING : state;
    attempts = Maps.list(attempts);
    outputs = Maps.list(outputs);
  }

  public static StepRun pending(String name) {
    return new StepRun(name, StepState.PENDING, List.of(), List.of(), null, null, null);
  }

  /** The last attempt, or {@code null} when the step never ran. */
  public StepAttempt lastAttempt() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  /** Exit code of the last attempt, or {@code null}. */
  public Integer exitCode() {
    StepAttempt last = lastAttempt();
    return last == null ? null : last.exitCode();
  }

  public StepRun started(Instant at) {
    return new StepRun(name, StepState.RUNNING, attempts, outputs, null, at, null);
  }

  public StepRun withAttempt(StepAttempt attempt) {
    List<StepAttempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new StepRun(name, state, all, outputs, error, startedAt, finishedAt);
  }

  /**
   * Back to {@code pending}: a graceful shutdown stopped the step's container; the step runs again
   * at the next start (the stopped attempt is not recorded).
   */
  public StepRun suspended() {
    state.checkTransition("step '" + name + "'", StepState.PENDING);
    return new StepRun(name, StepState.PENDING, attempts, outputs, null, startedAt, null);
  }

  public StepRun finished(StepState next, List<ArtifactRef> out, String why, Instant at) {
    state.checkTransition("step '" + name + "'", next);
    return new StepRun(name, next, attempts, out, why, startedAt, at);
  }
}
