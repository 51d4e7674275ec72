package dev.gantry.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.gantry.resilience.CircuitBreakerGuard;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.util.function.Supplier;

/**
 * The request/response calls of one step attempt to the engine, made through the endpoint's circuit
 * breaker unless the step's execution turned it off ({@code use_circuit_breaker=false}). Waits and
 * log streams do not go through here.
 */
final class DockerCalls {
  private final CircuitBreakerGuard breaker;
  private final boolean enabled;

  DockerCalls(CircuitBreakerGuard breaker, boolean enabled) {
    this.breaker = breaker;
    this.enabled = enabled;
  }

  <T> T call(String operation, Supplier<T> call) {
    return enabled ? breaker.call(operation, call) : call.get();
  }

  void run(String operation, Runnable call) {
    if (enabled) {
      breaker.run(operation, call);
    } else {
      call.run();
    }
  }

  /** A call that may block on the engine and be interrupted (a pull). */
  <T> T interruptibly(String operation, InterruptibleCall<T> call) throws InterruptedException {
    try {
      return call(
          operation,
          () -> {
            try {
              return call.get();
            } catch (InterruptedException e) {
              throw new Interrupted(e);
            }
          });
    } catch (Interrupted e) {
      throw (InterruptedException) e.getCause();
    }
  }

  /** A clean-up call (kill, remove): made even when the breaker is open. */
  void cleanup(String operation, Runnable call) {
    if (enabled) {
      breaker.runEvenIfOpen(operation, call);
    } else {
      call.run();
    }
  }

  /**
   * True when {@code failure} is a failure of the engine itself: unreachable (connection refused,
   * no socket, I/O error) or a 5xx answer. A 4xx answer (no such image or container, conflict)
   * means the engine works.
   */
  static boolean infrastructureFailure(Throwable failure) {
    if (failure instanceof RuntimeUnavailableException) {
      return true;
    }
    if (failure instanceof DockerException d) {
      return d.getHttpStatus() >= 500;
    }
    return DockerEngine.unreachable(failure);
  }

  interface InterruptibleCall<T> {
    T get() throws InterruptedException;
  }

  /** Carries an interrupt through the breaker, which counts it as neither success nor failure. */
  private static final class Interrupted extends RuntimeException {
    Interrupted(InterruptedException cause) {
      super(cause);
    }
  }
}
