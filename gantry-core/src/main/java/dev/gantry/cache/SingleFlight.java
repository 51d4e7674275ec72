package dev.gantry.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At most one holder per key at a time: the first caller of {@link #acquire} for a key becomes its
 * leader; later callers {@link #await} the leader's {@link Flight#close()} and then look again
 * (typically they find the leader's result in the cache). In-process only.
 */
public final class SingleFlight {
  private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Integer> waiting = new ConcurrentHashMap<>();

  /** A leadership of a key; closing it wakes the waiters. */
  public interface Flight extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes the caller the key's leader, or returns {@code null} when another caller leads it (then
   * {@link #await} it).
   */
  public Flight acquire(String key) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    if (inFlight.putIfAbsent(key, mine) != null) {
      return null;
    }
    return () -> {
      inFlight.remove(key, mine);
      mine.complete(null);
    };
  }

  /**
   * Waits until the key has no leader, at most {@code timeout}; true when it has none (any more).
   *
   * @throws InterruptedException the waiting thread was interrupted
   */
  public boolean await(String key, Duration timeout) throws InterruptedException {
    CompletableFuture<Void> leader = inFlight.get(key);
    if (leader == null) {
      return true;
    }
    waiting.compute(key, (k, n) -> n == null ? 1 : n + 1);
    try {
      leader.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true; // never completed exceptionally; a leader that failed still wakes its waiters
    } finally {
      waiting.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /** How many callers wait for the key's leader now. */
  public int waiting(String key) {
    return waiting.getOrDefault(key, 0);
  }

  /** True when the key has a leader now. */
  public boolean inFlight(String key) {
    return inFlight.containsKey(key);
  }
}
