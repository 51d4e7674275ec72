package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerManagerProvider;
import dev.gantry.runtime.StepRunner;
import dev.gantry.runtime.StepRunnerProvider;
import dev.gantry.store.Store;
import dev.gantry.store.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the configured store and runtime on the class path ({@link ServiceLoader}). */
public final class Providers {
  private Providers() {}

  public static Store openStore(GantryConfig config) {
    String name = config.store().type();
    List<String> known = new ArrayList<>();
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
      if (p.name().equals(name)) {
        return p.open(config.store(), config.dataDirectory());
      }
      known.add(p.name());
    }
    throw new GantryException(
        "store.type: no store named '"
            + name
            + "' is on the class path (available: "
            + String.join(", ", known)
            + ")");
  }

  public static StepRunner openRunner(GantryConfig config) {
    String name = config.runtime().type();
    List<String> known = new ArrayList<>();
    for (StepRunnerProvider p : ServiceLoader.load(StepRunnerProvider.class)) {
      if (p.name().equals(name)) {
        return p.create(config);
      }
      known.add(p.name());
    }
    throw new GantryException(
        "runtime.type: no runtime named '"
            + name
            + "' is on the class path (available: "
            + String.join(", ", known)
            + ")");
  }

  public static ContainerManager openContainers(GantryConfig config) {
    return openContainers(config, null);
  }

  /**
   * The runtime's container manager, sharing the engine and breaker of {@code runner} if it can.
   */
  public static ContainerManager openContainers(GantryConfig config, StepRunner runner) {
    String name = config.runtime().type();
    List<String> known = new ArrayList<>();
    for (ContainerManagerProvider p : ServiceLoader.load(ContainerManagerProvider.class)) {
      if (p.name().equals(name)) {
        return runner == null ? p.create(config) : p.create(config, runner);
      }
      known.add(p.name());
    }
    throw new GantryException(
        "runtime.type: the runtime '"
            + name
            + "' does not offer container management (runtimes that do: "
            + String.join(", ", known)
            + ")");
  }
}
