package dev.gantry.runtime;

import dev.gantry.internal.Maps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a step attempt ended.
 *
 * @param exitCode the container's exit code (137 when killed)
 * @param oomKilled the kernel killed it for exceeding its memory limit
 * @param timedOut Gantry killed it because the timeout passed
 * @param stdout the tail of stdout, bounded, secrets redacted
 * @param outputArchives declared output path to a temporary tar file (entries relative to {@code
 *     /}); the caller takes ownership of the files
 * @param missingOutputs declared outputs the container did not produce
 */
public record StepOutcome(
    String containerId,
    int exitCode,
    boolean oomKilled,
    boolean timedOut,
    String stdout,
    String stderr,
    Map<String, Path> outputArchives,
    List<String> missingOutputs,
    Instant startedAt,
    Instant finishedAt) {
  public StepOutcome {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
    outputArchives = Maps.copy(outputArchives);
    missingOutputs = Maps.list(missingOutputs);
  }

  /** Exited 0, not killed, produced every declared output. */
  public boolean succeeded() {
    return exitCode == 0 && !oomKilled && !timedOut && missingOutputs.isEmpty();
  }

  /** What happened, in words: "exited with code 3", "was killed for running out of memory"… */
  public String describe() {
    if (timedOut) {
      return "timed out and was killed";
    }
    if (oomKilled) {
      return "was killed for running out of memory (OOMKilled, exit code " + exitCode + ")";
    }
    if (exitCode != 0) {
      return "exited with code " + exitCode;
    }
    if (!missingOutputs.isEmpty()) {
      return "did not produce its declared outputs " + missingOutputs;
    }
    return "exited with code 0";
  }
}
