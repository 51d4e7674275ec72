package dev.gantry.config;

/** The {@code circuit_breaker} section: one breaker per runtime endpoint. */
public record CircuitBreakerConfig(
    int failureThreshold, int resetTimeoutSeconds, int halfOpenCalls) {
  public static final CircuitBreakerConfig DEFAULT = new CircuitBreakerConfig(5, 30, 1);
}
