package dev.gantry.cli.remote;

import java.util.Iterator;

/**
 * Parses the lines of a Server-Sent Events stream (the WHATWG format): {@code event:}, {@code
 * data:} and {@code id:} fields, comments starting with {@code :}, an event ended by a blank line.
 */
final class SseReader {
  private final SseEvents events;

  SseReader(SseEvents events) {
    this.events = events;
  }

  /** Reads until the stream ends or the receiver stops; answers whether the receiver stopped. */
  boolean read(Iterator<String> lines) {
    String event = null;
    String id = null;
    StringBuilder data = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data != null && !events.on(event == null ? "message" : event, id, data.toString())) {
          return true;
        }
        event = null;
        id = null;
        data = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "id" -> id = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> {
          // retry and unknown fields are ignored, as the format asks
        }
      }
    }
    return false;
  }
}
