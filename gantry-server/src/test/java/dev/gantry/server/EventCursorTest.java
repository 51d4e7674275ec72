package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.events.EventCursor;
import dev.gantry.server.events.EventReader;
import dev.gantry.server.events.StateEvent;
import dev.gantry.store.InMemoryStore;
import dev.gantry.workflow.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCursorTest {
  @Test
  void aResumedCursorGetsEveryLaterEventInOrder() {
    try (InMemoryStore store = new InMemoryStore()) {
      for (int i = 0; i < 25; i++) {
        store.appendTransition(
            new Transition("e-" + (i % 3), "execution", "a", "b" + i, Instant.EPOCH, Map.of()));
      }
      EventReader reader = new EventReader(store);
      List<StateEvent> all = drain(new EventCursor(reader, 0, 1000), 7);
      assertThat(all).hasSize(25);
      assertThat(all).extracting(StateEvent::to).first().isEqualTo("b0");

      long resumeAfter = all.get(11).seq();
      List<StateEvent> resumed = drain(new EventCursor(reader, resumeAfter, 1000), 4);
      assertThat(resumed).containsExactlyElementsOf(all.subList(12, 25));
    }
  }

  private static List<StateEvent> drain(EventCursor cursor, int batch) {
    List<StateEvent> out = new ArrayList<>();
    List<StateEvent> next;
    do {
      next = cursor.next(batch);
      out.addAll(next);
    } while (!next.isEmpty());
    return out;
  }
}
