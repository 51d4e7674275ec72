package dev.gantry.server.events;

import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchResult;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the progress of the batches this server runs to the open event streams. Events live
 * only in memory: a stream gets those published while it is open (at most {@value #QUEUE} waiting
 * per stream; a stream that falls further behind loses the oldest).
 */
public final class BatchEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchEvents.class);
  static final int QUEUE = 1000;

  private final Clock clock;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public BatchEvents(Clock clock) {
    this.clock = clock;
  }

  /** A stream's queue of batch events; close it when the stream ends. */
  public final class Subscription implements AutoCloseable {
    private final BlockingQueue<BatchEvent> queue = new ArrayBlockingQueue<>(QUEUE);

    /** The next waiting event, or null. */
    public BatchEvent poll() {
      return queue.poll();
    }

    private void offer(BatchEvent e) {
      while (!queue.offer(e)) {
        queue.poll();
      }
    }

    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }

  public Subscription subscribe() {
    Subscription s = new Subscription();
    subscriptions.add(s);
    return s;
  }

  /** The listener of a batch of {@code projectId}: each progress event is published. */
  public void progress(String projectId, BatchProgress p) {
    announce(projectId, p);
    String type = "started".equals(p.event()) ? "task_started" : "task_ended";
    publish(event(type, projectId, p.taskId(), null, p));
  }

  /**
   * Announces a batch that started (unless its first progress already did) and, when it finishes,
   * publishes its {@code finished} event from a virtual thread that waits for it.
   */
  public void started(String projectId, BatchHandle handle) {
    announce(projectId, handle.progress());
    Thread.ofVirtual()
        .name("gantry-batch-events-" + handle.batchId())
        .start(() -> awaitFinish(projectId, handle));
  }

  private void announce(String projectId, BatchProgress p) {
    if (announced.add(p.batchId())) {
      publish(event("started", projectId, null, "running", p));
    }
  }

  private void awaitFinish(String projectId, BatchHandle handle) {
    try {
      BatchResult r = null;
      while (r == null && !closed) {
        try {
          r = handle.await(Duration.ofSeconds(5));
        } catch (TimeoutException e) {
          // still running
        }
      }
      if (r != null) {
        String status = r.cancelled() ? "cancelled" : r.success() ? "completed" : "failed";
        int total = r.tasks().size();
        publish(
            new BatchEvent(
                "finished",
                handle.batchId(),
                projectId,
                null,
                status,
                null,
                total,
                total,
                0,
                100,
                r.counts(),
                clock.instant().toString()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("batch {}: no finished event: {}", handle.batchId(), e.toString());
    } finally {
      announced.remove(handle.batchId());
    }
  }

  private BatchEvent event(
      String type, String projectId, String taskId, String status, BatchProgress p) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("completed", p.completed());
    counts.put("failed", p.failed());
    counts.put("blocked", p.blocked());
    counts.put("skipped", p.skipped());
    counts.put("cancelled", p.cancelled());
    return new BatchEvent(
        type,
        p.batchId(),
        projectId,
        taskId,
        status,
        p.result(),
        p.total(),
        p.finished(),
        p.running(),
        p.percent(),
        counts,
        clock.instant().toString());
  }

  private void publish(BatchEvent e) {
    for (Subscription s : subscriptions) {
      s.offer(e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
