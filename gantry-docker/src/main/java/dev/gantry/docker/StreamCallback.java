package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A docker-java stream callback that the caller waits on with its own deadline. Unlike
 * docker-java's template, waiting does not close the stream; {@link #close()} does, and errors
 * after a close are ignored.
 */
abstract class StreamCallback<T> implements ResultCallback<T> {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Closeable stream;
  private volatile Throwable error;
  private volatile boolean closed;

  @Override
  public void onStart(Closeable response) {
    stream = response;
    if (closed) {
      closeStream();
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (!closed) {
      error = failure;
    }
    done.countDown();
    closeStream();
  }

  @Override
  public void onComplete() {
    done.countDown();
  }

  /** Waits until the stream ends or fails; false when {@code timeout} passed first. */
  boolean await(Duration timeout) throws InterruptedException {
    return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The error the stream ended with, or null. */
  Throwable error() {
    return error;
  }

  @Override
  public void close() {
    closed = true;
    closeStream();
    done.countDown();
  }

  private void closeStream() {
    Closeable s = stream;
    if (s != null) {
      try {
        s.close();
      } catch (IOException | RuntimeException e) {
        // the stream is being abandoned; nothing more to do
      }
    }
  }
}
