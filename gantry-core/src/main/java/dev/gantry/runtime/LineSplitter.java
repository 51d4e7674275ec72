package dev.gantry.runtime;

import java.util.function.Consumer;

/**
 * Turns chunks of text (as a log stream delivers them, lines possibly cut anywhere) into whole
 * lines without their line break. Not thread-safe: use one per stream.
 */
public final class LineSplitter {
  private final Consumer<String> lines;
  private final StringBuilder partial = new StringBuilder();

  public LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  /** Takes a chunk; hands on every line it completes. */
  public void accept(String chunk) {
    int start = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.charAt(i) == '\n') {
        partial.append(chunk, start, i);
        emit();
        start = i + 1;
      }
    }
    partial.append(chunk, start, chunk.length());
  }

  /** Hands on the last line when the stream ended without a line break. */
  public void flush() {
    if (!partial.isEmpty()) {
      emit();
    }
  }

  private void emit() {
    int end = partial.length();
    if (end > 0 && partial.charAt(end - 1) == '\r') {
      end--;
    }
    String line = partial.substring(0, end);
    partial.setLength(0);
    lines.accept(line);
  }
}
