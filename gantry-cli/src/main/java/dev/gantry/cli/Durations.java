package dev.gantry.cli;

import java.time.Duration;

final class Durations {
  private Durations() {}

  static String format(Duration d) {
    if (d == null) {
      return "-";
    }
    long ms = d.toMillis();
    return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : (ms / 1000) + "s";
  }
}
