package dev.gantry.runtime;

import dev.gantry.internal.Maps;
import java.util.Map;
import java.util.Objects;

/**
 * A step container found on the engine by its labels ({@link StepRunner#findStepContainers}).
 *
 * @param status the engine's word for its state: {@code created} (never started), {@code running},
 *     {@code exited}, …
 */
public record StepContainer(String id, Map<String, String> labels, String status) {
  public StepContainer {
    Objects.requireNonNull(id, "id");
    labels = Maps.copy(labels);
    Objects.requireNonNull(status, "status");
  }

  /** Running now, or ran and exited: its result can be collected ({@link StepRunner#attach}). */
  public boolean started() {
    return !status.equals("created");
  }
}
