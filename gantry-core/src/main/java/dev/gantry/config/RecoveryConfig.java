package dev.gantry.config;

import java.time.Duration;

/**
 * The {@code recovery} section ({@code docs/durability.md}): how long an instance's lease on an
 * execution lasts without renewal (it renews every third of it), and how often it reconciles (takes
 * over executions whose owner's lease expired, removes orphaned containers).
 */
public record RecoveryConfig(int leaseSeconds, int reconcileIntervalSeconds) {
  public static final RecoveryConfig DEFAULT = new RecoveryConfig(30, 30);

  public RecoveryConfig {
    if (leaseSeconds < 1 || reconcileIntervalSeconds < 1) {
      throw new IllegalArgumentException(
          "recovery.lease_seconds and recovery.reconcile_interval_seconds must be > 0, got "
              + leaseSeconds
              + " and "
              + reconcileIntervalSeconds);
    }
  }

  public Duration lease() {
    return Duration.ofSeconds(leaseSeconds);
  }

  /** How often a running instance renews its leases: a third of the lease. */
  public Duration renewInterval() {
    return lease().dividedBy(3);
  }

  public Duration reconcileInterval() {
    return Duration.ofSeconds(reconcileIntervalSeconds);
  }
}
