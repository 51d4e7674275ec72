package dev.gantry.dagger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.runtime.StepRunner;
import dev.gantry.testkit.StepRunnerContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The step runner contract (the same suite the Docker runtime passes) against a real Dagger engine.
 * It runs when {@code DAGGER_SESSION_PORT} and {@code DAGGER_SESSION_TOKEN} are set, e.g. {@code
 * dagger run ./mvnw -pl gantry-dagger -am verify}; otherwise every test is reported as skipped with
 * the reason. The image is {@code busybox:latest} unless {@code GANTRY_DAGGER_IT_IMAGE} names
 * another one the engine can pull.
 *
 * <p>The engine owns its containers, so "containers of a step" are the steps this runner has in
 * flight ({@link DaggerStepRunner#running()}).
 */
class DaggerStepRunnerIT extends StepRunnerContract {
  private DaggerStepRunner runner;

  private static final String NO_SESSION =
      "no Dagger engine session: DAGGER_SESSION_PORT and DAGGER_SESSION_TOKEN are not set"
          + " (run the build under 'dagger run' to run this suite)";

  @BeforeAll
  void connect() {
    if (System.getenv(DaggerSession.PORT_ENV) != null
        && System.getenv(DaggerSession.TOKEN_ENV) != null) {
      runner =
          new DaggerStepRunner(
              DaggerSession.open(System.getenv(), null), maxLogBytes(), Clock.systemUTC());
      runner.ping();
    }
  }

  /** Each test is reported as skipped, with the reason, when there is no session. */
  @BeforeEach
  void requireSession() {
    assumeTrue(runner != null, NO_SESSION);
  }

  @AfterAll
  void disconnect() {
    if (runner != null) {
      runner.close();
    }
  }

  @Override
  protected StepRunner runner() {
    return runner;
  }

  @Override
  protected String image() {
    String image = System.getenv("GANTRY_DAGGER_IT_IMAGE");
    return image == null || image.isBlank() ? "busybox:latest" : image;
  }

  @Override
  protected List<String> containers(Map<String, String> labels, boolean runningOnly) {
    if (runner == null) {
      return List.of();
    }
    return runner.running().stream()
        .filter(run -> run.labels().entrySet().containsAll(labels.entrySet()))
        .map(DaggerStepRunner.StepRun::id)
        .toList();
  }
}
