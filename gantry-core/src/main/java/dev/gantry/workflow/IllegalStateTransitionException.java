package dev.gantry.workflow;

import dev.gantry.GantryException;
import java.util.List;

/** A state change the state machine does not allow, such as {@code completed → running}. */
public class IllegalStateTransitionException extends GantryException {
  public IllegalStateTransitionException(
      String subject, String from, String to, List<String> allowed) {
    super(
        subject
            + ": illegal state transition "
            + from
            + " -> "
            + to
            + (allowed.isEmpty()
                ? " ('" + from + "' is terminal)"
                : " (allowed from '" + from + "': " + String.join(", ", allowed) + ")"));
  }
}
