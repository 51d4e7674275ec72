package dev.gantry.runtime;

import dev.gantry.config.GantryConfig;

/** Creates a {@link ContainerManager} for a runtime by name ({@code docker}). */
public interface ContainerManagerProvider {
  String name();

  ContainerManager create(GantryConfig config);
}
