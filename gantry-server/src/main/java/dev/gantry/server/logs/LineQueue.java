package dev.gantry.server.logs;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands followed log lines from the runtime's stream thread to the request's thread. When the
 * client reads slower than the container writes, the runtime's thread waits (back pressure); once
 * closed, lines are dropped so that no thread stays blocked on a stream nobody reads.
 */
final class LineQueue implements Consumer<String>, AutoCloseable {
  static final int CAPACITY = 10_000;
  private static final long OFFER_MILLIS = 200;

  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean closed;

  @Override
  public void accept(String line) {
    try {
      while (!closed && !lines.offer(line, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
        // the reader is behind: wait for room, or for the close
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next line, or null when none came within {@code timeout}. */
  String poll(Duration timeout) throws InterruptedException {
    return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next line if one is waiting, else null. */
  String poll() {
    return lines.poll();
  }

  @Override
  public void close() {
    closed = true;
    lines.clear();
  }
}
