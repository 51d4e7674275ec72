package dev.gantry.dagger;

import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.StepRunner;
import dev.gantry.runtime.StepRunnerProvider;
import java.time.Clock;

/**
 * The {@code dagger} runtime: the session of {@code DAGGER_SESSION_PORT} and {@code
 * DAGGER_SESSION_TOKEN}, else one started with {@code runtime.dagger_cli} (see {@link
 * DaggerSession#open}).
 */
public final class DaggerStepRunnerProvider implements StepRunnerProvider {
  @Override
  public String name() {
    return "dagger";
  }

  @Override
  public StepRunner create(GantryConfig config) {
    DaggerSession session = DaggerSession.open(System.getenv(), config.runtime().daggerCli());
    return new DaggerStepRunner(
        session, config.runtime().maxLogBytes(), Clock.systemUTC(), config.circuitBreaker());
  }
}
