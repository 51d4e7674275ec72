package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.testkit.StepRequestBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A finished step's container is removed in the background; close() waits for the removals. */
class ContainerReaperIT {
  private final String owner = "reaper-it-" + UUID.randomUUID();

  private StepOutcome run(DockerStepRunner runner, String name) {
    return runner.run(
        StepRequestBuilder.step(name)
            .labels(Map.of(Labels.OWNER, owner))
            .image(LocalImages.BUSYBOX)
            .argv("echo", name)
            .build());
  }

  @Test
  void awaitContainerRemovalsWaitsUntilTheContainersAreGone() {
    try (DockerStepRunner runner = new DockerStepRunner(DockerTestSupport.engineWithBusybox())) {
      StepOutcome a = run(runner, "a");
      StepOutcome b = run(runner, "b");
      assertThat(a.exitCode()).isZero();
      assertThat(b.exitCode()).isZero();

      assertThat(runner.awaitContainerRemovals(Duration.ofSeconds(60))).isTrue();

      assertThat(DockerTestSupport.containers(runner.engine(), Map.of(Labels.OWNER, owner), false))
          .isEmpty();
    }
  }

  @Test
  void closeWaitsForThePendingRemovals() {
    DockerStepRunner runner = new DockerStepRunner(DockerTestSupport.engineWithBusybox());
    for (int i = 0; i < 3; i++) {
      run(runner, "step-" + i);
    }

    runner.close(); // no wait before: the removals may still be pending

    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      assertThat(DockerTestSupport.containers(engine, Map.of(Labels.OWNER, owner), false))
          .isEmpty();
    }
  }
}
