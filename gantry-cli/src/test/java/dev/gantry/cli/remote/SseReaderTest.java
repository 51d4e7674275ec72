package dev.gantry.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  private final List<String> seen = new ArrayList<>();

  private boolean read(String stopAt, String... lines) {
    return new SseReader(
            (event, id, data) -> {
              seen.add(event + "|" + id + "|" + data);
              return !event.equals(stopAt);
            })
        .read(List.of(lines).iterator());
  }

  @Test
  void eventsAreDispatchedAtBlankLinesAndCommentsSkipped() {
    boolean stopped =
        read(
            "end",
            ": following the logs of container c1",
            "",
            "id: 1",
            "event: log",
            "data: first line",
            "",
            ": heartbeat",
            "",
            "id: 2",
            "event: log",
            "data:  two spaces",
            "data:second data line",
            "",
            "data: no event name",
            "",
            "event: end",
            "data: {\"reason\":\"exited\"}",
            "",
            "event: log",
            "data: after the end",
            "");
    assertThat(stopped).isTrue();
    assertThat(seen)
        .containsExactly(
            "log|1|first line",
            "log|2| two spaces\nsecond data line",
            "message|null|no event name",
            "end|null|{\"reason\":\"exited\"}");
  }

  @Test
  void aStreamCutBeforeItsBlankLineDispatchesNothingMore() {
    boolean stopped = read("end", "event: log", "data: one", "", "event: end", "data: {}");
    assertThat(stopped).isFalse();
    assertThat(seen).containsExactly("log|null|one");
  }
}
