package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.internal.Providers;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.runtime.StepRunnerProvider;
import dev.gantry.store.InMemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime.type: dagger} finds this runtime through {@link java.util.ServiceLoader}, and the
 * container management API refuses it clearly.
 */
class DaggerRuntimeSelectionTest {
  @TempDir Path temp;

  private GantryConfig daggerConfig() {
    RuntimeConfig d = RuntimeConfig.DEFAULT;
    return GantryConfig.defaults()
        .withDataDirectory(temp)
        .withRuntime(
            new RuntimeConfig(
                "dagger",
                null,
                d.defaultImage(),
                d.maxParallelSteps(),
                d.defaultResources(),
                d.maxLogBytes(),
                null,
                temp.resolve("no-such-dagger"),
                d.maxParallelWorkflows()));
  }

  @Test
  void runtimeTypeDaggerSelectsThisRuntime() {
    // DAGGER_SESSION_PORT is not set in the build; the configured CLI does not exist: the error
    // comes from this runtime's provider, naming the config key.
    assumeTrue(
        System.getenv(DaggerSession.PORT_ENV) == null, "a Dagger session is set in this process");

    assertThatThrownBy(() -> Providers.openRunner(daggerConfig()))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("runtime.dagger_cli")
        .hasMessageContaining("no-such-dagger");
  }

  @Test
  void theProviderIsRegistered() {
    assertThat(ServiceLoader.load(StepRunnerProvider.class).stream())
        .anySatisfy(p -> assertThat(p.get().name()).isEqualTo("dagger"));
  }

  @Test
  void containerManagementSaysWhichRuntimeHasIt() throws IOException {
    try (EngineFixture engine = new EngineFixture();
        TaskWorkflowIntegration gantry =
            TaskWorkflowIntegration.builder(daggerConfig())
                .store(new InMemoryStore())
                .runner(new DaggerStepRunner(fixed(engine.endpoint()), 1024, Clock.systemUTC()))
                .build()) {
      assertThatThrownBy(() -> gantry.startContainer("c-1"))
          .isInstanceOf(GantryException.class)
          .hasMessageContaining("runtime.type: dagger")
          .hasMessageContaining("runtime.type: docker");
      assertThatThrownBy(() -> gantry.listContainers(null, null))
          .hasMessage(DaggerContainerManagerProvider.UNSUPPORTED);
    }
  }

  static DaggerSession fixed(DaggerEndpoint endpoint) {
    return new DaggerSession() {
      @Override
      public DaggerEndpoint endpoint() {
        return endpoint;
      }

      @Override
      public String describe() {
        return "fixture";
      }

      @Override
      public void close() {}
    };
  }
}
