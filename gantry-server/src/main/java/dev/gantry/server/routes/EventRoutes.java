package dev.gantry.server.routes;

import dev.gantry.InvalidInputException;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.events.BatchEvent;
import dev.gantry.server.events.BatchEvents;
import dev.gantry.server.events.EventCursor;
import dev.gantry.server.events.EventFilter;
import dev.gantry.server.events.EventReader;
import dev.gantry.server.events.StateEvent;
import dev.gantry.server.http.Api;
import dev.gantry.server.http.ServerJson;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events}: Server-Sent Events of state changes in the store's order, each with its
 * sequence number as the SSE id; a client that reconnects with {@code Last-Event-ID} (or {@code
 * ?last_event_id=}) gets every event after it. {@code ?from=0} replays from the first.
 */
public final class EventRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private EventRoutes() {}

  public static void register(Api api, RouteContext rc, EventReader reader, BatchEvents batches) {
    api.sse("/v1/events", Scope.READ, client -> stream(client, reader, batches));
  }

  /** Checks the query before the stream opens (the SSE handler cannot answer 400 itself). */
  public static void validate(io.javalin.http.Context ctx) {
    start(ctx.header("Last-Event-ID"), ctx.queryParam("last_event_id"), ctx.queryParam("from"));
    for (String key : List.of("project_id", "task_id", "workflow_id")) {
      String v = ctx.queryParam(key);
      if (v != null) {
        dev.gantry.internal.Ids.check("query." + key, v);
      }
    }
  }

  private static void stream(SseClient client, EventReader reader, BatchEvents batches) {
    var ctx = client.ctx();
    long start =
        start(ctx.header("Last-Event-ID"), ctx.queryParam("last_event_id"), ctx.queryParam("from"));
    long position = start >= 0 ? start : latest(reader);
    EventFilter filter =
        new EventFilter(
            ctx.queryParam("project_id"), ctx.queryParam("task_id"), ctx.queryParam("workflow_id"));
    EventCursor cursor = new EventCursor(reader, position, 1000);
    client.keepAlive();
    client.sendComment("gantry events after " + position);
    long lastBeat = System.nanoTime();
    try (BatchEvents.Subscription batch = batches.subscribe()) {
      while (!client.terminated()) {
        List<StateEvent> events = cursor.next(500);
        for (StateEvent e : events) {
          if (filter.matches(e)) {
            client.sendEvent(
                "state", ServerJson.MAPPER.writeValueAsString(e), Long.toString(e.seq()));
          }
        }
        boolean sent = !events.isEmpty();
        for (BatchEvent b = batch.poll(); b != null; b = batch.poll()) {
          if (filter.matches(b)) {
            // no SSE id: batch events are not stored, so Last-Event-ID keeps the last state event
            client.sendEvent("batch", ServerJson.MAPPER.writeValueAsString(b));
            sent = true;
          }
        }
        if (!sent) {
          if (System.nanoTime() - lastBeat > HEARTBEAT.toNanos()) {
            client.sendComment("heartbeat");
            lastBeat = System.nanoTime();
          }
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("event stream ended: {}", e.toString(), e);
    }
  }

  private static long latest(EventReader reader) {
    long last = 0;
    List<StateEvent> batch;
    do {
      batch = reader.after(last, 1000);
      if (!batch.isEmpty()) {
        last = batch.get(batch.size() - 1).seq();
      }
    } while (batch.size() == 1000);
    return last;
  }

  /** The sequence number to resume after, or -1 for "only new events". */
  static long start(String header, String query, String from) {
    String text = header != null && !header.isBlank() ? header : query;
    String field =
        header != null && !header.isBlank() ? "header Last-Event-ID" : "query.last_event_id";
    if (text == null && from != null) {
      text = from;
      field = "query.from";
    }
    if (text == null || text.isBlank()) {
      return -1;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        field,
        "expected a non-negative event sequence number, got '"
            + dev.gantry.server.http.Requests.clip(text)
            + "'");
  }
}
