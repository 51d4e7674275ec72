package dev.gantry.config;

import dev.gantry.pipeline.Resources;
import java.nio.file.Path;

/**
 * The {@code runtime} section.
 *
 * @param type runtime name, {@code docker} by default
 * @param dockerHost engine address; {@code null} uses {@code DOCKER_HOST} or the local socket
 * @param defaultImage image of steps that name none
 * @param maxParallelSteps how many steps of one execution run at once
 * @param defaultResources limits every container gets unless its step lowers them
 * @param maxLogBytes how much of each of stdout and stderr is kept per attempt (the tail)
 * @param maxResources the most a managed container may ask for; a {@code null} limit is not capped
 * @param daggerCli the {@code dagger} CLI the {@code dagger} runtime starts {@code dagger session}
 *     with when {@code DAGGER_SESSION_PORT} is not set; {@code null}: none
 * @param maxParallelWorkflows how many workflows of one batch ({@code executeWorkflowsForProject})
 *     run at once unless the call gives its own concurrency
 */
public record RuntimeConfig(
    String type,
    String dockerHost,
    String defaultImage,
    int maxParallelSteps,
    Resources defaultResources,
    int maxLogBytes,
    Resources maxResources,
    Path daggerCli,
    int maxParallelWorkflows) {
  /** The default of {@code max_parallel_workflows}. */
  public static final int DEFAULT_MAX_PARALLEL_WORKFLOWS = 4;

  public static final RuntimeConfig DEFAULT =
      new RuntimeConfig(
          "docker",
          null,
          "busybox:latest",
          4,
          new Resources(512L * 1024 * 1024, 1.0, 256L),
          64 * 1024,
          Resources.DEFAULTS,
          null,
          DEFAULT_MAX_PARALLEL_WORKFLOWS);

  public RuntimeConfig {
    maxResources = maxResources == null ? Resources.DEFAULTS : maxResources;
  }

  /** Without caps, dagger CLI or {@code max_parallel_workflows} (its default, 4). */
  public RuntimeConfig(
      String type,
      String dockerHost,
      String defaultImage,
      int maxParallelSteps,
      Resources defaultResources,
      int maxLogBytes) {
    this(
        type,
        dockerHost,
        defaultImage,
        maxParallelSteps,
        defaultResources,
        maxLogBytes,
        null,
        null,
        DEFAULT_MAX_PARALLEL_WORKFLOWS);
  }
}
