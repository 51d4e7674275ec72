package dev.gantry.api;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.gantry.internal.WireEnums;

/** How one task of a batch ended. Written in lower case: {@code blocked}. */
public enum BatchOutcome {
  /** Its workflow ran (or came from the workflow cache) and completed. */
  COMPLETED,
  /** Its workflow failed or timed out, or could not start; {@code reason} says why. */
  FAILED,
  /** A task it depends on failed, was blocked or cancelled; the task is now {@code blocked}. */
  BLOCKED,
  /** Not run, with a reason: already completed, a dependency skipped, the batch cancelled. */
  SKIPPED,
  /** Its execution was cancelled while it ran. */
  CANCELLED;

  @JsonValue
  public String wireName() {
    return WireEnums.wireName(this);
  }
}
