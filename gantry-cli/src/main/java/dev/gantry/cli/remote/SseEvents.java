package dev.gantry.cli.remote;

/** Receives the events of a Server-Sent Events stream ({@link GantryClient#events}). */
@FunctionalInterface
public interface SseEvents {
  /**
   * One event: its {@code event} name ({@code message} when the stream named none), its {@code id}
   * (or {@code null}) and its data (the {@code data:} lines joined with newlines).
   *
   * @return {@code false} to stop reading the stream
   */
  boolean on(String event, String id, String data);
}
