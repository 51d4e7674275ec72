package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.GantryConfig;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.runtime.StepRunner;
import dev.gantry.runtime.StepRunnerProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DockerStepRunnerProviderTest {
  @Test
  void foundByNameThroughTheServiceLoader() {
    StepRunnerProvider provider =
        ServiceLoader.load(StepRunnerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("docker"))
            .findFirst()
            .orElseThrow();

    RuntimeConfig runtime = RuntimeConfig.DEFAULT;
    GantryConfig config =
        GantryConfig.defaults()
            .withRuntime(
                new RuntimeConfig(
                    "docker",
                    "tcp://127.0.0.1:1",
                    runtime.defaultImage(),
                    runtime.maxParallelSteps(),
                    runtime.defaultResources(),
                    1024));
    try (StepRunner runner = provider.create(config)) {
      assertThat(runner).isInstanceOf(DockerStepRunner.class);
      assertThat(runner.name()).isEqualTo("docker");
      assertThat(((DockerStepRunner) runner).engine().host())
          .isEqualTo(new DockerHost("tcp://127.0.0.1:1", "runtime.docker_host"));
    }
  }
}
