package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.http.ServerJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads Server-Sent Events from {@code /v1/events} with a deadline. */
final class EventsClient {
  record Event(long seq, String type, String data) {}

  /** An open stream whose events are collected on another thread until it is closed. */
  static final class Open implements AutoCloseable {
    final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Stream<String> body;

    private Open(Stream<String> body) {
      this.body = body;
      CompletableFuture.runAsync(
          () -> {
            try {
              parse(body.iterator(), events, Integer.MAX_VALUE, null);
            } catch (RuntimeException e) {
              // closed
            }
          });
    }

    /** The collected events of one SSE type. */
    List<Event> of(String type) {
      return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Override
    public void close() {
      body.close();
    }
  }

  /** Opens a stream and collects every event of it (of every type). */
  Open open(String path) throws Exception {
    return new Open(connect(path, Map.of()).body());
  }

  private HttpResponse<Stream<String>> connect(String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(http.base + path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token);
    headers.forEach(b::header);
    HttpResponse<Stream<String>> r =
        http.client
            .sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
            .get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  /** Reads events into {@code out} until it holds {@code count} (of {@code type}, or of any). */
  private static void parse(
      java.util.Iterator<String> it, List<Event> out, int count, String type) {
    long id = -1;
    String event = "message";
    while (out.size() < count && it.hasNext()) {
      String line = it.next();
      if (line.startsWith("id:")) {
        id = Long.parseLong(line.substring(3).trim());
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        if (type == null || type.equals(event)) {
          out.add(new Event(id, event, line.substring(5).trim()));
        }
      } else if (line.isEmpty()) {
        event = "message";
        id = -1;
      }
    }
  }

  private final Http http;
  private final String token;

  EventsClient(Http http, String token) {
    this.http = http;
    this.token = token;
  }

  /** The first {@code count} state events of the stream (fails after 30 s). */
  List<Event> read(String path, Map<String, String> headers, int count) throws Exception {
    HttpResponse<Stream<String>> r = connect(path, headers);
    CompletableFuture<List<Event>> events =
        CompletableFuture.supplyAsync(
            () -> {
              List<Event> out = new ArrayList<>();
              try (Stream<String> lines = r.body()) {
                parse(lines.iterator(), out, count, "state");
              }
              return out;
            });
    return events.get(30, TimeUnit.SECONDS);
  }

  static JsonNode json(Event e) throws Exception {
    return ServerJson.MAPPER.readTree(e.data());
  }
}
