package dev.gantry.store.internal;

import dev.gantry.store.ExecutionLease;
import dev.gantry.workflow.ExecutionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory store's execution leases (see {@code Store.claimLease}), ordered by execution id.
 * Its own monitor guards it; it never takes the store's lock, so the store may call it under its
 * own.
 */
public final class Leases {
  private final Map<ExecutionId, ExecutionLease> leases =
      new TreeMap<>(Comparator.comparing(ExecutionId::value));

  public synchronized boolean claim(ExecutionId id, String owner, Instant until, Instant now) {
    ExecutionLease held = leases.get(id);
    if (held != null && !held.owner().equals(owner) && !held.expiredAt(now)) {
      return false;
    }
    leases.put(id, new ExecutionLease(id, owner, until.truncatedTo(ChronoUnit.MILLIS)));
    return true;
  }

  public synchronized int renew(String owner, Instant until) {
    Instant expiry = until.truncatedTo(ChronoUnit.MILLIS);
    int renewed = 0;
    for (ExecutionLease lease : List.copyOf(leases.values())) {
      if (lease.owner().equals(owner)) {
        leases.put(lease.executionId(), new ExecutionLease(lease.executionId(), owner, expiry));
        renewed++;
      }
    }
    return renewed;
  }

  public synchronized boolean release(ExecutionId id, String owner) {
    ExecutionLease held = leases.get(id);
    if (held == null || !held.owner().equals(owner)) {
      return false;
    }
    leases.remove(id);
    return true;
  }

  public synchronized Optional<ExecutionLease> find(ExecutionId id) {
    return Optional.ofNullable(leases.get(id));
  }

  public synchronized List<ExecutionLease> list() {
    return List.copyOf(leases.values());
  }

  /** Drops the leases of deleted executions. */
  public synchronized void removeAll(Collection<ExecutionId> executionIds) {
    leases.keySet().removeAll(executionIds);
  }
}
