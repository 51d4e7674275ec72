package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepRunner;
import dev.gantry.testkit.StepRunnerContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Docker runtime passes the step runner contract. */
class DockerStepRunnerIT extends StepRunnerContract {
  private DockerStepRunner runner;

  @BeforeAll
  void startRunner() {
    runner = new DockerStepRunner(DockerTestSupport.engineWithBusybox());
  }

  @AfterAll
  void noContainerLeftThenClose() {
    try {
      assertThat(containers(Map.of(Labels.OWNER, owner), false)).isEmpty();
    } finally {
      runner.close();
    }
  }

  @Override
  protected StepRunner runner() {
    return runner;
  }

  @Override
  protected String image() {
    return LocalImages.BUSYBOX;
  }

  @Override
  protected List<String> containers(Map<String, String> labels, boolean runningOnly) {
    return DockerTestSupport.containers(runner.engine(), labels, runningOnly);
  }
}
