package dev.gantry.api.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.pipeline.internal.ResourceFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits containers get: those asked for, the missing ones from {@code
 * runtime.default_resources}, and none above {@code runtime.max_resources}. Managed containers and
 * pipeline steps alike; a request above a cap is refused before anything is created or queued.
 */
public final class ResourceCaps {
  private ResourceCaps() {}

  /**
   * The effective limits of a managed container.
   *
   * @throws InvalidInputException a limit is above its cap ({@code resources.memory}, ...)
   */
  public static Resources container(Resources requested, RuntimeConfig runtime) {
    Resources limits =
        (requested == null ? Resources.DEFAULTS : requested).orElse(runtime.defaultResources());
    List<Problem> problems = new ArrayList<>();
    over(limits, runtime.maxResources(), "resources", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("container limits", problems);
    }
    return limits;
  }

  /**
   * Checks every step's effective limits against the caps.
   *
   * @throws InvalidInputException naming each step and limit above its cap ({@code
   *     steps[1].resources.memory})
   */
  public static void steps(PipelineSpec pipeline, RuntimeConfig runtime) {
    List<Problem> problems = new ArrayList<>();
    List<StepSpec> steps = pipeline.steps();
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      Resources limits = step.resources().orElse(runtime.defaultResources());
      over(limits, runtime.maxResources(), "steps[" + i + "].resources", problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("pipeline limits", problems);
    }
  }

  private static void over(Resources limits, Resources max, String path, List<Problem> problems) {
    for (String limit : limits.over(max)) {
      problems.add(
          new Problem(
              path + "." + limit,
              "at most "
                  + cap(max, limit)
                  + " is allowed (runtime.max_resources."
                  + limit
                  + "); ask for less or raise the cap in the configuration"));
    }
  }

  private static Object cap(Resources max, String limit) {
    return switch (limit) {
      case "memory" -> ResourceFields.formatSize(max.memoryBytes());
      case "cpus" -> max.cpus();
      default -> max.pidsLimit();
    };
  }
}
