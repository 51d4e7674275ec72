package dev.gantry.workflow;

import java.time.Instant;

/**
 * One attempt at running a step: the container, its exit, its output (bounded, tail kept, secrets
 * redacted) and what went wrong if anything did.
 */
public record StepAttempt(
    int number,
    String containerId,
    Instant startedAt,
    Instant finishedAt,
    Integer exitCode,
    boolean oomKilled,
    boolean timedOut,
    String stdout,
    String stderr,
    String error) {
  public StepAttempt {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }
}
