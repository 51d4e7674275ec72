package dev.gantry.docker;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Docker runner, remembering the requests it ran and the containers it created for them. */
final class CountingRunner implements StepRunner {
  final DockerStepRunner docker;
  final List<StepRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> containers = new CopyOnWriteArrayList<>();

  CountingRunner(DockerStepRunner docker) {
    this.docker = docker;
  }

  /** How many containers ran steps named {@code step}. */
  long runsOf(String step) {
    return requests.stream().filter(r -> r.stepName().equals(step)).count();
  }

  @Override
  public String name() {
    return docker.name();
  }

  @Override
  public void ping() {
    docker.ping();
  }

  @Override
  public StepOutcome run(StepRequest request) {
    requests.add(request);
    StepOutcome outcome = docker.run(request);
    containers.add(outcome.containerId());
    return outcome;
  }

  @Override
  public String resolveImage(String image, String registry, RegistryCredentials credentials) {
    return docker.resolveImage(image, registry, credentials);
  }

  @Override
  public void close() {
    docker.close();
  }
}
