package dev.gantry.resilience;

import dev.gantry.GantryException;
import java.time.Instant;

/**
 * A runtime call was refused because the endpoint's circuit breaker is open. Retryable: the call
 * may succeed once the breaker half-opens at {@link #halfOpensAt()}.
 */
public class CircuitBreakerOpenException extends GantryException {
  private final String breaker;
  private final Instant halfOpensAt;

  public CircuitBreakerOpenException(String message, String breaker, Instant halfOpensAt) {
    super(message, null, true);
    this.breaker = breaker;
    this.halfOpensAt = halfOpensAt;
  }

  /** The breaker's name, e.g. {@code docker:unix:///var/run/docker.sock}. */
  public String breaker() {
    return breaker;
  }

  /** When the breaker lets a trial call through, or null when it is forced open. */
  public Instant halfOpensAt() {
    return halfOpensAt;
  }
}
