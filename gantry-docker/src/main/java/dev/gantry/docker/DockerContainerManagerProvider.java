package dev.gantry.docker;

import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerManagerProvider;
import dev.gantry.runtime.HostPathPolicy;

/** Container management on the {@code docker} runtime's engine (same host resolution as steps). */
public final class DockerContainerManagerProvider implements ContainerManagerProvider {
  @Override
  public String name() {
    return "docker";
  }

  @Override
  public ContainerManager create(GantryConfig config) {
    DockerHost host = DockerHost.resolve(config.runtime().dockerHost(), System.getenv());
    return new DockerContainerManager(
        DockerEngine.connect(host), HostPathPolicy.of(config.security()), config.runtime(), true);
  }
}
