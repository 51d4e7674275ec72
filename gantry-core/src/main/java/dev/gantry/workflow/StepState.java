package dev.gantry.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * State of one step of an execution, with its one transition table. {@code running → pending} is a
 * step whose container a graceful shutdown stopped: it runs again at the next start.
 */
public enum StepState {
  PENDING(false, false),
  RUNNING(false, false),
  COMPLETED(true, true),
  FAILED(true, false),
  TIMED_OUT(true, false),
  CANCELLED(true, false),
  CACHED(true, true),
  SKIPPED(true, false);

  private static final Map<StepState, Set<StepState>> ALLOWED =
      Map.of(
          PENDING, EnumSet.of(RUNNING, CACHED, SKIPPED, CANCELLED),
          RUNNING, EnumSet.of(COMPLETED, FAILED, TIMED_OUT, CANCELLED, PENDING),
          COMPLETED, EnumSet.noneOf(StepState.class),
          FAILED, EnumSet.noneOf(StepState.class),
          TIMED_OUT, EnumSet.noneOf(StepState.class),
          CANCELLED, EnumSet.noneOf(StepState.class),
          CACHED, EnumSet.noneOf(StepState.class),
          SKIPPED, EnumSet.noneOf(StepState.class));

  private final boolean terminal;
  private final boolean successful;

  StepState(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  public boolean isTerminal() {
    return terminal;
  }

  public boolean isSuccessful() {
    return successful;
  }

  public boolean canMoveTo(StepState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Throws {@link IllegalStateTransitionException} unless {@code this → next} is allowed. */
  public void checkTransition(String subject, StepState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateTransitionException(
          subject,
          wireName(),
          next.wireName(),
          ALLOWED.get(this).stream().map(StepState::wireName).toList());
    }
  }

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static StepState parse(String text) {
    return WireEnums.parse(StepState.class, "status", text);
  }
}
