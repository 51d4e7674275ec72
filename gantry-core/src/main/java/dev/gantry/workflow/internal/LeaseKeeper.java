package dev.gantry.workflow.internal;

import dev.gantry.config.RecoveryConfig;
import dev.gantry.store.Store;
import dev.gantry.workflow.ExecutionId;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's leases on the executions it runs ({@code docs/durability.md}): claims and
 * releases them, and renews all of them every third of {@code recovery.lease_seconds} on a daemon
 * thread.
 */
public final class LeaseKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final Store store;
  private final String owner;
  private final RecoveryConfig config;
  private final Clock clock;
  private final ScheduledExecutorService renewer;
  private volatile Runnable afterRenew = () -> {};

  public LeaseKeeper(Store store, String owner, RecoveryConfig config, Clock clock) {
    this.store = store;
    this.owner = owner;
    this.config = config;
    this.clock = clock;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("gantry-lease-renewer").unstarted(r));
    long every = Math.max(100, config.renewInterval().toMillis());
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  public String owner() {
    return owner;
  }

  /** Takes the lease of {@code id} if it is free, expired or ours; true when we hold it. */
  public boolean claim(ExecutionId id) {
    Instant now = clock.instant();
    return store.claimLease(id, owner, now.plus(config.lease()), now);
  }

  /** Gives the lease of {@code id} up (logged, not thrown, when the store fails). */
  public void release(ExecutionId id) {
    try {
      store.releaseLease(id, owner);
    } catch (RuntimeException e) {
      LOG.warn("could not release the lease of execution {}: {}", id, e.getMessage());
    }
  }

  /** Runs {@code check} on the renewer's thread after each renewal (e.g. a look at the store). */
  public void afterRenew(Runnable check) {
    this.afterRenew = check;
  }

  private void renew() {
    try {
      int renewed = store.renewLeases(owner, clock.instant().plus(config.lease()));
      LOG.trace("renewed {} leases of {}", renewed, owner);
    } catch (RuntimeException e) {
      LOG.warn("could not renew the leases of {}: {}", owner, e.getMessage());
    }
    try {
      afterRenew.run();
    } catch (RuntimeException e) {
      LOG.warn("after renewing the leases of {}: {}", owner, e.getMessage());
    }
  }

  /** Stops renewing; leases not released run out after {@code recovery.lease_seconds}. */
  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
