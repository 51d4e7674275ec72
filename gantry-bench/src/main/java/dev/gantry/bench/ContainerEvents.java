package dev.gantry.bench;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.gantry.GantryException;
import dev.gantry.docker.DockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's own record of when each container ran: its {@code start} and {@code die} events
 * (engine clock, nanoseconds), followed for as long as this is open. A container's run time is die
 * − start, the span in which it was running as far as the engine is concerned; everything else in a
 * pipeline's wall time is overhead (creating, starting, waiting, removing, recording).
 */
final class ContainerEvents implements AutoCloseable {
  /** One container's run on the engine: its labels and its start and die times (epoch ns). */
  record Span(String containerId, Map<String, String> labels, long startNanos, long dieNanos) {
    double runMillis() {
      return (dieNanos - startNanos) / 1e6;
    }
  }

  private final Map<String, Span> spans = new ConcurrentHashMap<>();
  private final ResultCallback.Adapter<Event> stream;

  ContainerEvents(DockerEngine engine) throws InterruptedException {
    stream =
        engine
            .streams()
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("start", "die")
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event e) {
                    record(e);
                  }
                });
    stream.awaitStarted();
  }

  private void record(Event e) {
    String action = e.getAction() != null ? e.getAction() : e.getStatus();
    Map<String, String> labels =
        e.getActor() == null || e.getActor().getAttributes() == null
            ? Map.of()
            : Map.copyOf(e.getActor().getAttributes());
    long at = e.getTimeNano() != null ? e.getTimeNano() : e.getTime() * 1_000_000_000L;
    spans.compute(
        e.getId(),
        (id, s) -> {
          Span now = s == null ? new Span(id, labels, 0, 0) : s;
          return "start".equals(action)
              ? new Span(id, labels, at, now.dieNanos())
              : new Span(id, now.labels(), now.startNanos(), at);
        });
  }

  /**
   * The {@code count} containers whose label {@code key} is {@code value}, once the engine reported
   * both their start and their die, in order of start.
   */
  List<Span> await(String key, String value, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Span> found = new ArrayList<>();
      for (Span s : spans.values()) {
        if (value.equals(s.labels().get(key)) && s.startNanos() > 0 && s.dieNanos() > 0) {
          found.add(s);
        }
      }
      if (found.size() >= count) {
        found.sort(Comparator.comparingLong(Span::startNanos));
        found.forEach(s -> spans.remove(s.containerId()));
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new GantryException(
            "the engine reported "
                + found.size()
                + " of "
                + count
                + " container runs labelled "
                + key
                + "="
                + value
                + " within "
                + timeout);
      }
      Thread.sleep(2);
    }
  }

  @Override
  public void close() throws Exception {
    stream.close();
  }
}
