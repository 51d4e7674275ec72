package dev.gantry.docker;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the containers of finished steps in the background, after their outcome was returned, so
 * that the removal (30–200 ms of engine work) is off the step's critical path. Pending removals are
 * tracked by container id; {@link #awaitRemovals} waits for them (leak checks) and {@link #close()}
 * waits for them before the engine connection closes. A removal that fails is logged by {@link
 * Containers#removeQuietly}; the container keeps its {@code gantry.*} labels for the orphan sweep.
 */
final class ContainerReaper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ContainerReaper.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gantry-reaper-", 0).factory());
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

  /** Removes container {@code id} in the background (at once, if this reaper is closed). */
  void remove(Containers containers, String id) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.put(id, done);
    Runnable removal =
        () -> {
          try {
            containers.removeQuietly(id);
          } finally {
            pending.remove(id, done);
            done.complete(null);
          }
        };
    try {
      executor.execute(removal);
    } catch (RejectedExecutionException e) {
      removal.run();
    }
  }

  /** The containers whose removal has not finished yet. */
  Set<String> pending() {
    return Set.copyOf(pending.keySet());
  }

  /**
   * Waits until every removal requested so far has finished.
   *
   * @return false if some were still pending after {@code timeout}
   */
  boolean awaitRemovals(Duration timeout) {
    CompletableFuture<?>[] all = pending.values().toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(all).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true; // removals never complete exceptionally; logged by removeQuietly
    }
  }

  /** Waits for the pending removals (up to a minute), then stops. */
  @Override
  public void close() {
    if (!awaitRemovals(CLOSE_TIMEOUT)) {
      log.warn(
          "Containers {} were still being removed after {}s; they keep their gantry.* labels",
          pending(),
          CLOSE_TIMEOUT.toSeconds());
    }
    executor.shutdown();
  }
}
