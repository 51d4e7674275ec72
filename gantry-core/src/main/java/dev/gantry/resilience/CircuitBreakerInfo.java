package dev.gantry.resilience;

import java.time.Instant;

/**
 * State and counters of one circuit breaker, as {@code TaskWorkflowIntegration.circuitBreakers()}
 * reports them.
 *
 * @param name the breaker's name: the runtime and its endpoint, e.g. {@code
 *     docker:unix:///var/run/docker.sock}
 * @param state {@code closed}, {@code open} or {@code half_open}
 * @param failureRatePercent failed share of the buffered calls, or -1 while fewer calls than the
 *     window were made
 * @param bufferedCalls calls in the sliding window (at most {@code failure_threshold})
 * @param failedCalls infrastructure failures among them
 * @param notPermittedCalls calls refused (failed fast) while the breaker was open
 * @param nextHalfOpenAt when an open breaker lets the next trial call through, else null
 * @param failureThreshold {@code circuit_breaker.failure_threshold}
 * @param resetTimeoutSeconds {@code circuit_breaker.reset_timeout_seconds}
 * @param halfOpenCalls {@code circuit_breaker.half_open_calls}
 */
public record CircuitBreakerInfo(
    String name,
    String state,
    float failureRatePercent,
    int bufferedCalls,
    int failedCalls,
    long notPermittedCalls,
    Instant nextHalfOpenAt,
    int failureThreshold,
    int resetTimeoutSeconds,
    int halfOpenCalls) {}
