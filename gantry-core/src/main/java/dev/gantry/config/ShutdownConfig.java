package dev.gantry.config;

import java.time.Duration;

/**
 * The {@code shutdown} section: how long a graceful shutdown waits for running steps before it
 * stops their containers and leaves their executions to the next start ({@code
 * docs/durability.md}).
 */
public record ShutdownConfig(int graceSeconds) {
  public static final ShutdownConfig DEFAULT = new ShutdownConfig(30);

  public ShutdownConfig {
    if (graceSeconds < 0) {
      throw new IllegalArgumentException(
          "shutdown.grace_seconds must be >= 0, got " + graceSeconds);
    }
  }

  public Duration grace() {
    return Duration.ofSeconds(graceSeconds);
  }
}
