package dev.gantry.docker;

import dev.gantry.config.GantryConfig;
import dev.gantry.resilience.CircuitBreakerGuard;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerManagerProvider;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.StepRunner;
import java.time.Clock;

/**
 * Container management on the {@code docker} runtime's engine (same host resolution as steps). Next
 * to a {@link DockerStepRunner} it shares the runner's engine connection and circuit breaker, so
 * the endpoint has one breaker for steps and managed containers alike.
 */
public final class DockerContainerManagerProvider implements ContainerManagerProvider {
  @Override
  public String name() {
    return "docker";
  }

  @Override
  public ContainerManager create(GantryConfig config) {
    DockerHost host = DockerHost.resolve(config.runtime().dockerHost(), System.getenv());
    return new DockerContainerManager(
        DockerEngine.connect(host),
        HostPathPolicy.of(config.security()),
        config.runtime(),
        true,
        CircuitBreakerGuard.create(
            DockerStepRunner.breakerName(host),
            config.circuitBreaker(),
            DockerCalls::infrastructureFailure,
            Clock.systemUTC()));
  }

  @Override
  public ContainerManager create(GantryConfig config, StepRunner runner) {
    if (runner instanceof DockerStepRunner docker) {
      return new DockerContainerManager(
          docker.engine(),
          HostPathPolicy.of(config.security()),
          config.runtime(),
          false,
          docker.breaker());
    }
    return create(config);
  }
}
