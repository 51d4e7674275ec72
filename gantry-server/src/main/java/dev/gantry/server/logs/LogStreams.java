package dev.gantry.server.logs;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.LogFollow;
import dev.gantry.server.http.ServerJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/containers/{id}/logs?follow=true}: streams a container's log lines as Server-Sent
 * Events while they arrive ({@code event: log}, one line per event, the SSE id its line number in
 * this stream), and a last {@code event: end} with why the stream ended ({@code exited}, {@code
 * timeout} after {@code wait_seconds}, or {@code error}). Silence is broken by a comment every
 * {@link #HEARTBEAT}, which is also how a client that went away is noticed: the follow is then
 * closed and the runtime's stream released.
 */
public final class LogStreams {
  private static final Logger LOG = LoggerFactory.getLogger(LogStreams.class);
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(250);

  private final TaskWorkflowIntegration gantry;
  private final AtomicInteger active = new AtomicInteger();

  public LogStreams(TaskWorkflowIntegration gantry) {
    this.gantry = gantry;
  }

  /** Follows being streamed right now (the {@code gantry_log_follows} gauge). */
  public int active() {
    return active.get();
  }

  /** Streams the container's logs until it stops, {@code limit} passed or the client left. */
  public void stream(Context ctx, String id, Integer tail, Instant since, Duration limit)
      throws InterruptedException {
    LineQueue queue = new LineQueue();
    active.incrementAndGet();
    try (queue;
        LogFollow follow = gantry.followContainerLogs(id, tail, since, queue)) {
      ctx.status(200);
      ctx.res().setContentType("text/event-stream; charset=utf-8");
      ctx.res().setHeader("Cache-Control", "no-cache");
      ctx.res().setHeader("X-Accel-Buffering", "no");
      OutputStream out = ctx.res().getOutputStream();
      write(out, ": following the logs of container " + id + "\n\n");
      String reason = pump(out, queue, follow, System.nanoTime() + limit.toNanos());
      write(out, "event: end\ndata: " + end(id, reason, follow) + "\n\n");
    } catch (IOException e) {
      LOG.debug("log follow of container {} ended: the client went away ({})", id, e.toString());
    } finally {
      active.decrementAndGet();
    }
  }

  private static String pump(OutputStream out, LineQueue queue, LogFollow follow, long deadline)
      throws IOException, InterruptedException {
    long seq = 0;
    long lastWrite = System.nanoTime();
    while (true) {
      String line = queue.poll(POLL);
      if (line != null) {
        write(out, event(++seq, line));
        lastWrite = System.nanoTime();
        continue;
      }
      if (follow.done()) {
        for (String rest = queue.poll(); rest != null; rest = queue.poll()) {
          write(out, event(++seq, rest));
        }
        return follow.error() == null ? "exited" : "error";
      }
      if (System.nanoTime() > deadline) {
        return "timeout";
      }
      if (System.nanoTime() - lastWrite > HEARTBEAT.toNanos()) {
        write(out, ": heartbeat\n\n");
        lastWrite = System.nanoTime();
      }
    }
  }

  private String end(String id, String reason, LogFollow follow) throws IOException {
    Map<String, Object> end = new LinkedHashMap<>();
    end.put("container_id", id);
    end.put("reason", reason);
    if (follow.error() != null) {
      end.put("error", follow.error().getMessage());
    }
    try {
      ContainerInfo info = gantry.getContainer(id);
      end.put("status", info.status());
      end.put("exit_code", info.exitCode());
    } catch (RuntimeException e) {
      end.put("status", "unknown");
    }
    return ServerJson.MAPPER.writeValueAsString(end);
  }

  /** One SSE event per line; a line never holds a newline, so it fits one {@code data:} field. */
  private static String event(long seq, String line) {
    return "id: " + seq + "\nevent: log\ndata: " + line.replace("\r", "") + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
