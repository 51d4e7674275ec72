package dev.gantry.store;

import dev.gantry.workflow.ExecutionId;
import java.time.Instant;
import java.util.Objects;

/**
 * Who runs an execution now: the instance {@code owner} (its {@code gantry.owner} id) holds the
 * execution until {@code expiresAt} and renews that while it runs it. An expired lease may be
 * claimed by another instance, which then recovers the execution ({@code docs/durability.md}).
 * Stores keep {@code expiresAt} at millisecond precision.
 */
public record ExecutionLease(ExecutionId executionId, String owner, Instant expiresAt) {
  public ExecutionLease {
    Objects.requireNonNull(executionId, "executionId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when the lease ran out at {@code now} (an expiry equal to now counts as expired). */
  public boolean expiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
