package dev.gantry.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Create, start, stop, delete, read the logs of and list long-lived containers (the seed's
 * container management API). Status always comes from the engine. Operations on an id the engine
 * does not know throw {@link dev.gantry.NotFoundException} ({@code container}), except {@link
 * #delete}, which is idempotent.
 */
public interface ContainerManager extends AutoCloseable {
  /** Creates (does not start) a container; host-path volumes are checked first. */
  ContainerInfo create(ContainerRequest request);

  /** Starts it; starting a running container does nothing. */
  void start(String id);

  /** Sends SIGTERM, waits up to {@code grace}, then kills; stopping a stopped one does nothing. */
  void stop(String id, Duration grace);

  /** Removes it (killing it if it runs) with its anonymous volumes; an unknown id is a no-op. */
  void delete(String id);

  ContainerInfo inspect(String id);

  /**
   * Its stdout and stderr so far.
   *
   * @param tail at most this many last lines, or null for all
   * @param since only lines written at or after this instant, or null
   */
  String logs(String id, Integer tail, Instant since);

  /**
   * Follows its stdout and stderr: the lines so far (limited by {@code tail} and {@code since}) and
   * then each new line as it is written, until the container stops or the returned handle is
   * closed. {@code lines} gets whole lines without their line break, on a thread of the runtime.
   *
   * @throws dev.gantry.NotFoundException the container does not exist
   */
  LogFollow followLogs(String id, Integer tail, Instant since, Consumer<String> lines);

  /** The environment variables it was created with (to mask secret values in its logs). */
  Map<String, String> environment(String id);

  /** Every container (running or not) carrying all of {@code labels}, optionally by status. */
  List<ContainerInfo> list(Map<String, String> labels, String status);

  @Override
  void close();
}
