package dev.gantry.workflow;

import dev.gantry.internal.Maps;
import java.time.Instant;
import java.util.Map;

/**
 * One recorded state change of a workflow, an execution or a step ({@code subject} is {@code
 * workflow}, {@code execution} or {@code step:<name>}).
 */
public record Transition(
    String entityId,
    String subject,
    String from,
    String to,
    Instant at,
    Map<String, Object> details) {
  public Transition {
    details = Maps.copy(details);
  }
}
