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
  record Event(long seq, String data) {}

  private final Http http;
  private final String token;

  EventsClient(Http http, String token) {
    this.http = http;
    this.token = token;
  }

  /** The first {@code count} events of the stream (fails after 30 s). */
  List<Event> read(String path, Map<String, String> headers, int count) throws Exception {
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
    CompletableFuture<List<Event>> events =
        CompletableFuture.supplyAsync(
            () -> {
              List<Event> out = new ArrayList<>();
              long[] id = {-1};
              try (Stream<String> lines = r.body()) {
                var it = lines.iterator();
                while (out.size() < count && it.hasNext()) {
                  String line = it.next();
                  if (line.startsWith("id:")) {
                    id[0] = Long.parseLong(line.substring(3).trim());
                  } else if (line.startsWith("data:")) {
                    out.add(new Event(id[0], line.substring(5).trim()));
                  }
                }
              }
              return out;
            });
    return events.get(30, TimeUnit.SECONDS);
  }

  static JsonNode json(Event e) throws Exception {
    return ServerJson.MAPPER.readTree(e.data());
  }
}
