package dev.gantry;

/**
 * Base of every error Gantry reports to its users. The message names what failed (task, workflow,
 * step, container, field) and says what was expected or what to do.
 */
public class GantryException extends RuntimeException {
  private final boolean retryable;

  public GantryException(String message) {
    this(message, null, false);
  }

  public GantryException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public GantryException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True when the same call may succeed if tried again (daemon/IO errors, 5xx, timeouts). */
  public boolean isRetryable() {
    return retryable;
  }
}
