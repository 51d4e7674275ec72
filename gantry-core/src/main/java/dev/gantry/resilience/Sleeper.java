package dev.gantry.resilience;

import java.time.Duration;

/**
 * Waits between retry attempts. Production uses {@link #system()}; tests pass one that records the
 * waits and advances a settable clock, so a retry schedule is checked exactly and without waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}; throws when the thread is interrupted (the step was cancelled). */
  void sleep(Duration duration) throws InterruptedException;

  /** Waits with {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return Thread::sleep;
  }
}
