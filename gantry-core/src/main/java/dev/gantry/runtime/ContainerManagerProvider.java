package dev.gantry.runtime;

import dev.gantry.config.GantryConfig;

/** Creates a {@link ContainerManager} for a runtime by name ({@code docker}). */
public interface ContainerManagerProvider {
  String name();

  ContainerManager create(GantryConfig config);

  /**
   * A manager that shares what it can with the step runner of the same runtime: its engine
   * connection and the endpoint's circuit breaker, so that one breaker guards every call to an
   * endpoint. The default ignores {@code runner}.
   */
  default ContainerManager create(GantryConfig config, StepRunner runner) {
    return create(config);
  }
}
