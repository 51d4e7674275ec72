package dev.gantry.runtime;

import dev.gantry.config.GantryConfig;

/** Creates a {@link StepRunner} by runtime name ({@code docker}). */
public interface StepRunnerProvider {
  String name();

  StepRunner create(GantryConfig config);
}
