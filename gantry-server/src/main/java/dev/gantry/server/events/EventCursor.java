package dev.gantry.server.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A client's position in the event sequence. A database may make a higher sequence number visible
 * before a lower one commits; when a batch starts after a gap the cursor holds it back for up to
 * {@code gapWaitMillis}, so that a resumed stream does not skip the late one.
 */
public final class EventCursor {
  private final EventReader reader;
  private final long gapWaitMillis;
  private long position;
  private long gapSince = -1;

  public EventCursor(EventReader reader, long position, long gapWaitMillis) {
    this.reader = reader;
    this.position = position;
    this.gapWaitMillis = gapWaitMillis;
  }

  public long position() {
    return position;
  }

  /** The next events in order (possibly none). */
  public List<StateEvent> next(int limit) {
    List<StateEvent> batch = reader.after(position, limit);
    List<StateEvent> ready = new ArrayList<>();
    long expected = position + 1;
    for (StateEvent e : batch) {
      if (e.seq() != expected && position > 0 && !gapExpired()) {
        break;
      }
      gapSince = -1;
      ready.add(e);
      position = e.seq();
      expected = position + 1;
    }
    return ready;
  }

  private boolean gapExpired() {
    long now = System.currentTimeMillis();
    if (gapSince < 0) {
      gapSince = now;
      return false;
    }
    return now - gapSince >= gapWaitMillis;
  }
}
