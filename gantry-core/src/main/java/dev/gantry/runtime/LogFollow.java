package dev.gantry.runtime;

import java.time.Duration;

/**
 * A container's log stream being followed. It ends by itself when the container stops, or when the
 * caller closes it; lines are no longer delivered after either.
 */
public interface LogFollow extends AutoCloseable {
  /**
   * Waits until the stream ended.
   *
   * @return false when {@code timeout} passed first
   */
  boolean await(Duration timeout) throws InterruptedException;

  /** True once the stream ended (the container stopped, the stream failed, or it was closed). */
  boolean done();

  /** Why the stream ended abnormally (e.g. the engine went away), or null. */
  Throwable error();

  /** Stops following; harmless when it ended already. */
  @Override
  void close();
}
