package dev.gantry.workflow.internal;

import dev.gantry.internal.LogKeys;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.secret.SecretMask;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What becomes of a container's output: secrets masked, logged under its own namespace. */
final class ContainerOutput {
  private ContainerOutput() {}

  /** The outcome with {@code secretValues} masked in its output, whatever the runtime did. */
  static StepOutcome redacted(StepOutcome outcome, List<String> secretValues) {
    return new StepOutcome(
        outcome.containerId(),
        outcome.exitCode(),
        outcome.oomKilled(),
        outcome.timedOut(),
        SecretMask.redact(outcome.stdout(), secretValues),
        SecretMask.redact(outcome.stderr(), secretValues),
        outcome.outputArchives(),
        outcome.missingOutputs(),
        outcome.startedAt(),
        outcome.finishedAt());
  }

  /** Container output goes to its own logger namespace, never mixed into Gantry's own lines. */
  static void log(String stepName, StepOutcome outcome) {
    Logger out = LoggerFactory.getLogger(LogKeys.CONTAINER_LOGGER + "." + stepName);
    if (!out.isDebugEnabled()) {
      return;
    }
    try (LogKeys.Scope mdc =
        LogKeys.put(Map.of(LogKeys.CONTAINER_ID, String.valueOf(outcome.containerId())))) {
      outcome.stdout().lines().forEach(line -> out.debug("stdout: {}", line));
      outcome.stderr().lines().forEach(line -> out.debug("stderr: {}", line));
    }
  }
}
