package dev.gantry.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * State of a workflow and of each of its executions. The allowed transitions are the one table
 * {@link #ALLOWED}; {@link #checkTransition} throws on any other. {@code running|retrying → queued}
 * is a graceful shutdown handing the execution to the next start ({@code docs/durability.md}).
 */
public enum WorkflowState {
  CREATED(false, false),
  QUEUED(false, false),
  RUNNING(false, false),
  RETRYING(false, false),
  COMPLETED(true, true),
  FAILED(true, false),
  CANCELLED(true, false),
  TIMED_OUT(true, false);

  private static final Map<WorkflowState, Set<WorkflowState>> ALLOWED =
      Map.of(
          CREATED, EnumSet.of(QUEUED, CANCELLED),
          QUEUED, EnumSet.of(RUNNING, CANCELLED),
          RUNNING, EnumSet.of(RETRYING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, QUEUED),
          RETRYING, EnumSet.of(RUNNING, FAILED, CANCELLED, TIMED_OUT, QUEUED),
          COMPLETED, EnumSet.noneOf(WorkflowState.class),
          FAILED, EnumSet.noneOf(WorkflowState.class),
          CANCELLED, EnumSet.noneOf(WorkflowState.class),
          TIMED_OUT, EnumSet.noneOf(WorkflowState.class));

  private final boolean terminal;
  private final boolean successful;

  WorkflowState(boolean terminal, boolean successful) {
    this.terminal = terminal;
    this.successful = successful;
  }

  public boolean isTerminal() {
    return terminal;
  }

  public boolean isSuccessful() {
    return successful;
  }

  public boolean canMoveTo(WorkflowState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Throws {@link IllegalStateTransitionException} unless {@code this → next} is allowed. */
  public void checkTransition(String subject, WorkflowState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateTransitionException(
          subject,
          wireName(),
          next.wireName(),
          ALLOWED.get(this).stream().map(WorkflowState::wireName).toList());
    }
  }

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }

  @JsonCreator
  public static WorkflowState parse(String text) {
    return WireEnums.parse(WorkflowState.class, "status", text);
  }
}
