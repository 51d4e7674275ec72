package dev.gantry.dagger;

import dev.gantry.GantryException;
import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerManagerProvider;

/**
 * Container management with {@code runtime.type: dagger}: refused with a message that says why and
 * which runtime has it. Dagger's engine owns its containers; a step is a pipeline, not a container
 * Gantry can start, stop or delete.
 */
public final class DaggerContainerManagerProvider implements ContainerManagerProvider {
  /** The message of the refusal. */
  public static final String UNSUPPORTED =
      "Container management (create/start/stop/delete/logs of containers) is not available with"
          + " runtime.type: dagger: the Dagger engine owns its containers and runs steps as"
          + " pipelines. Use runtime.type: docker for the container API; workflows run on"
          + " either runtime.";

  @Override
  public String name() {
    return "dagger";
  }

  @Override
  public ContainerManager create(GantryConfig config) {
    throw new GantryException(UNSUPPORTED);
  }
}
