package dev.gantry.workflow;

import dev.gantry.GantryException;

/**
 * The engine is shutting down: it accepts no new executions, and an execution it stopped at
 * shutdown is left {@code queued} for the next start ({@code docs/durability.md}).
 */
public class EngineShutdownException extends GantryException {
  public EngineShutdownException(String message) {
    super(message);
  }
}
