package dev.gantry.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gantry.runtime.LineSplitter;
import dev.gantry.runtime.LogFollow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A followed log stream ({@code docker logs --follow}): splits stdout and stderr into lines, each
 * on its own, and hands them on until the engine ends the stream (the container stopped) or the
 * caller closes it. Lines are not handed on after a close.
 */
final class LogFollower extends StreamCallback<Frame> implements LogFollow {
  private final Consumer<String> lines;
  private final LineSplitter stdout;
  private final LineSplitter stderr;
  private volatile boolean stopped;

  LogFollower(Consumer<String> lines) {
    this.lines = lines;
    this.stdout = new LineSplitter(this::deliver);
    this.stderr = new LineSplitter(this::deliver);
  }

  private void deliver(String line) {
    if (!stopped) {
      lines.accept(line);
    }
  }

  @Override
  public synchronized void onNext(Frame frame) {
    String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
    (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(text);
  }

  @Override
  public void onComplete() {
    synchronized (this) {
      stdout.flush();
      stderr.flush();
    }
    super.onComplete();
  }

  @Override
  public boolean await(Duration timeout) throws InterruptedException {
    return super.await(timeout);
  }

  @Override
  public boolean done() {
    try {
      return super.await(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Throwable error() {
    return super.error();
  }

  @Override
  public void close() {
    stopped = true;
    super.close();
  }
}
