package dev.gantry.docker;

import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.StepRunner;
import dev.gantry.runtime.StepRunnerProvider;
import java.time.Clock;

/**
 * The {@code docker} runtime: the engine at {@code runtime.docker_host}, else {@code DOCKER_HOST},
 * else {@code unix:///var/run/docker.sock}.
 */
public final class DockerStepRunnerProvider implements StepRunnerProvider {
  @Override
  public String name() {
    return "docker";
  }

  @Override
  public StepRunner create(GantryConfig config) {
    DockerHost host = DockerHost.resolve(config.runtime().dockerHost(), System.getenv());
    return new DockerStepRunner(
        DockerEngine.connect(host),
        config.runtime().maxLogBytes(),
        Clock.systemUTC(),
        config.circuitBreaker());
  }
}
