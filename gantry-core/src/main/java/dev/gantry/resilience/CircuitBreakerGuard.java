package dev.gantry.resilience;

import dev.gantry.GantryException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.runtime.StepCancelledException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one runtime endpoint (a resilience4j {@link CircuitBreaker}) around the
 * runtime's request/response calls — never around waits or log streams.
 *
 * <p>Policy: a count-based window of {@code failure_threshold} calls that opens when all of them
 * failed, i.e. after {@code failure_threshold} consecutive infrastructure failures. Only failures
 * the {@code infrastructureFailure} predicate accepts count (engine unreachable, I/O errors, 5xx);
 * any other outcome — a 404, a conflict, an image that does not exist — counts as a success, since
 * the endpoint answered. Interrupted (cancelled) calls count as neither. While open, calls fail at
 * once with {@link CircuitBreakerOpenException}; after {@code reset_timeout_seconds} the next call
 * half-opens it and up to {@code half_open_calls} trial calls go through: it closes when one of
 * them succeeds and opens again when all of them fail.
 */
public final class CircuitBreakerGuard {
  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakerGuard.class);
  private static final int KEPT_TRANSITIONS = 20;
  private static final String STEP_ADVICE =
      "To call the endpoint anyway, pass workflow_params.use_circuit_breaker=false.";

  private final CircuitBreaker breaker;
  private final CircuitBreakerConfig config;
  private final Clock clock;
  private final AtomicLong notPermitted = new AtomicLong();
  private final List<String> transitions = new ArrayList<>();
  private volatile Instant halfOpensAt;
  private volatile boolean reopened;
  private volatile String lastFailure;

  private CircuitBreakerGuard(
      String name, CircuitBreakerConfig config, Predicate<Throwable> failure, Clock clock) {
    this.config = config;
    this.clock = clock;
    int threshold = config.failureThreshold();
    this.breaker =
        CircuitBreaker.of(
            name,
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindow(threshold, threshold, SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(config.resetTimeoutSeconds()))
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .recordException(failure)
                .ignoreException(CircuitBreakerGuard::interrupted)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    breaker.getEventPublisher().onStateTransition(e -> onTransition(e.getStateTransition()));
  }

  /**
   * A closed breaker named {@code name} (e.g. {@code docker:unix:///var/run/docker.sock}).
   *
   * @param infrastructureFailure which errors count as failures of the endpoint
   * @param clock the time source of the open period (tests pass a settable clock)
   */
  public static CircuitBreakerGuard create(
      String name,
      CircuitBreakerConfig config,
      Predicate<Throwable> infrastructureFailure,
      Clock clock) {
    return new CircuitBreakerGuard(name, config, infrastructureFailure, clock);
  }

  public String name() {
    return breaker.getName();
  }

  /**
   * Runs {@code call} through the breaker and records its outcome.
   *
   * @param operation what the call does, for the error when the breaker is open
   * @throws CircuitBreakerOpenException the breaker is open: {@code call} was not run
   */
  public <T> T call(String operation, Supplier<T> call) {
    return call(operation, STEP_ADVICE, call);
  }

  /**
   * {@link #call(String, Supplier)} whose refusal ends with {@code advice} (what the caller can do)
   * instead of how an execution bypasses the breaker.
   */
  public <T> T call(String operation, String advice, Supplier<T> call) {
    if (!breaker.tryAcquirePermission()) {
      notPermitted.incrementAndGet();
      throw refused(operation, advice);
    }
    long start = System.nanoTime();
    try {
      T result = call.get();
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return result;
    } catch (RuntimeException | Error e) {
      if (!interrupted(e)) {
        lastFailure = describe(e);
      }
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  /** {@link #call} for a call without a result. */
  public void run(String operation, Runnable call) {
    call(
        operation,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Runs a clean-up call (kill, remove) even when the breaker is open: its outcome is recorded when
   * the breaker permits it, and it is run unrecorded otherwise, since leaving a container behind is
   * worse than one more call to a failing endpoint.
   */
  public void runEvenIfOpen(String operation, Runnable call) {
    try {
      run(operation, call);
    } catch (CircuitBreakerOpenException e) {
      LOG.debug("{} while circuit breaker {} is open", operation, name());
      call.run();
    }
  }

  /** State and counters of this breaker now. */
  public CircuitBreakerInfo info() {
    CircuitBreaker.Metrics m = breaker.getMetrics();
    CircuitBreaker.State state = breaker.getState();
    return new CircuitBreakerInfo(
        name(),
        wireName(state),
        m.getFailureRate(),
        m.getNumberOfBufferedCalls(),
        m.getNumberOfFailedCalls(),
        notPermitted.get(),
        state == CircuitBreaker.State.OPEN ? halfOpensAt : null,
        config.failureThreshold(),
        config.resetTimeoutSeconds(),
        config.halfOpenCalls());
  }

  /** The last state changes, oldest first, e.g. {@code closed->open at 2025-…Z}. */
  public synchronized List<String> transitions() {
    return List.copyOf(transitions);
  }

  private void onTransition(CircuitBreaker.StateTransition t) {
    Instant now = clock.instant();
    if (t.getToState() == CircuitBreaker.State.OPEN) {
      halfOpensAt = now.plusSeconds(config.resetTimeoutSeconds());
      reopened = t.getFromState() == CircuitBreaker.State.HALF_OPEN;
      LOG.warn(
          "circuit breaker {} {} (last: {}); calls fail fast until {}",
          name(),
          reopened
              ? "opened again: its trial calls failed"
              : "opened after " + config.failureThreshold() + " failed calls",
          lastFailure,
          halfOpensAt);
    } else {
      LOG.info("circuit breaker {}: {}", name(), t);
    }
    synchronized (this) {
      transitions.add(wireName(t.getFromState()) + "->" + wireName(t.getToState()) + " at " + now);
      if (transitions.size() > KEPT_TRANSITIONS) {
        transitions.remove(0);
      }
    }
  }

  private CircuitBreakerOpenException refused(String operation, String advice) {
    CircuitBreaker.State state = breaker.getState();
    String why =
        state == CircuitBreaker.State.HALF_OPEN
            ? "is half-open and its "
                + config.halfOpenCalls()
                + " trial call(s) (circuit_breaker.half_open_calls) are in flight; it half-opened"
                + " at "
                + halfOpensAt
            : (reopened
                    ? "is open again: its trial calls to this runtime endpoint failed"
                    : "is open after "
                        + config.failureThreshold()
                        + " consecutive failed calls to this runtime endpoint (circuit_breaker"
                        + ".failure_threshold)")
                + (lastFailure == null ? "" : "; last failure: " + lastFailure)
                + ". It half-opens at "
                + halfOpensAt
                + " (circuit_breaker.reset_timeout_seconds="
                + config.resetTimeoutSeconds()
                + ") and then lets "
                + config.halfOpenCalls()
                + " trial call(s) through";
    return new CircuitBreakerOpenException(
        "Circuit breaker '" + name() + "' " + why + ". Not attempted: " + operation + ". " + advice,
        name(),
        halfOpensAt);
  }

  private static String wireName(CircuitBreaker.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** The root cause's type and message, e.g. {@code ConnectException: Connection refused}. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof GantryException) {
      return root.getMessage();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /** True when {@code failure} comes from an interrupted (cancelled) call. */
  static boolean interrupted(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t.getClass() == InterruptedIOException.class
          || t instanceof ClosedByInterruptException
          || t instanceof StepCancelledException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
