package dev.gantry.workflow.internal;

import dev.gantry.GantryException;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepContainer;
import dev.gantry.runtime.StepRunner;
import dev.gantry.workflow.Execution;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the container of a step attempt a dead instance started ({@code docs/durability.md}), by
 * its labels. Containers of that attempt that never started are removed: their inputs may be
 * incomplete, so the attempt runs again instead.
 */
final class LostAttempt {
  private static final Logger LOG = LoggerFactory.getLogger(LostAttempt.class);

  private LostAttempt() {}

  /** The started container of attempt {@code number}, or null when the attempt must run again. */
  static StepContainer container(
      StepRunner runner, Execution execution, StepSpec step, int number) {
    List<StepContainer> found;
    try {
      found =
          runner.findStepContainers(
              Map.of(
                  Labels.EXECUTION, execution.id().value(),
                  Labels.STEP, step.name(),
                  Labels.ATTEMPT, Integer.toString(number)));
    } catch (UnsupportedOperationException e) {
      LOG.info("step '{}' attempt {} runs again: {}", step.name(), number, e.getMessage());
      return null;
    } catch (GantryException e) {
      LOG.warn("step '{}': its containers cannot be listed ({})", step.name(), e.getMessage());
      return null;
    }
    StepContainer started = null;
    for (StepContainer c : found) {
      if (c.started() && started == null) {
        started = c;
      } else {
        runner.removeContainer(c.id());
      }
    }
    if (started == null) {
      LOG.info("step '{}' attempt {} has no container left; it runs again", step.name(), number);
    }
    return started;
  }
}
