package dev.gantry.config;

import dev.gantry.pipeline.Resources;

/**
 * The {@code runtime} section.
 *
 * @param type runtime name, {@code docker} by default
 * @param dockerHost engine address; {@code null} uses {@code DOCKER_HOST} or the local socket
 * @param defaultImage image of steps that name none
 * @param maxParallelSteps how many steps of one execution run at once
 * @param defaultResources limits every container gets unless its step lowers them
 * @param maxLogBytes how much of each of stdout and stderr is kept per attempt (the tail)
 * @param maxParallelWorkflows how many workflows of a batch ({@code executeWorkflowsForProject})
 *     run at once unless the call gives its own concurrency
 */
public record RuntimeConfig(
    String type,
    String dockerHost,
    String defaultImage,
    int maxParallelSteps,
    Resources defaultResources,
    int maxLogBytes,
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
          64 * 1024);

  /** Without {@code max_parallel_workflows}: its default, 4. */
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
        DEFAULT_MAX_PARALLEL_WORKFLOWS);
  }
}
