package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.FileArtifactStore;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step cache on a real Docker engine: hits create no container and restore exact bytes. */
class StepCacheIT {
  /** Random bytes: a second real run would produce other ones. */
  static final String PRODUCE =
      "{name: produce, command: 'mkdir -p /out && head -c 65536 /dev/urandom > /out/data.bin',"
          + " outputs: [/out]}";

  @TempDir Path dataDir;
  private GantryOnDocker g;

  @BeforeEach
  void open() {
    g = new GantryOnDocker(dataDir);
  }

  @AfterEach
  void noContainerLeft() {
    try {
      assertThat(g.leftovers()).isEmpty();
    } finally {
      g.close();
    }
  }

  private static String consume(String extra) {
    return "{name: consume, command: 'sha256sum /out/data.bin', depends_on: [produce]"
        + extra
        + "}";
  }

  @Test
  void aHitRestoresTheOutputsByteForByteWithoutAContainer() throws Exception {
    Execution first = g.run("steps: [" + PRODUCE + ", " + consume("") + "]");
    // consume is never cached here, so it really reads the restored file in a new container
    Execution second = g.run("steps: [" + PRODUCE + ", " + consume(", cache: never") + "]");

    assertThat(first.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(second.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(second.step("produce").state()).isEqualTo(StepState.CACHED);
    assertThat(second.step("consume").state()).isEqualTo(StepState.COMPLETED);
    assertThat(g.runner.runsOf("produce")).isEqualTo(1);
    assertThat(g.runner.runsOf("consume")).isEqualTo(2);
    assertThat(g.runner.containers).hasSize(3).doesNotHaveDuplicates();
    assertThat(second.step("consume").lastAttempt().stdout())
        .isEqualTo(first.step("consume").lastAttempt().stdout())
        .contains("/out/data.bin");
    ArtifactRef original = first.step("produce").outputs().get(0);
    ArtifactRef restored = second.step("produce").outputs().get(0);
    assertThat(restored).isEqualTo(original);
    FileArtifactStore artifacts = new FileArtifactStore(dataDir.resolve("artifacts"));
    assertThat(Files.size(artifacts.locate(restored))).isEqualTo(original.size());
  }

  @Test
  void aChangedInputArtifactRunsTheDependentAgain() {
    String produce =
        "{name: produce, command: 'mkdir -p /out && echo $V > /out/v.txt', outputs: [/out],"
            + " env: {V: '%s'%s}}";
    String consume = "{name: consume, command: 'cat /out/v.txt', depends_on: [produce]}";
    String one = "steps: [" + produce.formatted("1", "") + ", " + consume + "]";
    String two = "steps: [" + produce.formatted("2", "") + ", " + consume + "]";
    String oneAgain = "steps: [" + produce.formatted("1", ", W: x") + ", " + consume + "]";

    Execution first = g.run(one);
    Execution changed = g.run(two);
    Execution back = g.run(one);
    Execution sameBytes = g.run(oneAgain);

    assertThat(first.step("consume").lastAttempt().stdout()).isEqualTo("1\n");
    assertThat(changed.step("consume").state()).isEqualTo(StepState.COMPLETED);
    assertThat(changed.step("consume").lastAttempt().stdout()).isEqualTo("2\n");
    assertThat(back.step("produce").state()).isEqualTo(StepState.CACHED);
    assertThat(back.step("consume").state()).isEqualTo(StepState.CACHED);
    assertThat(back.step("consume").lastAttempt().stdout()).isEqualTo("1\n");
    // produce's key changed (env W) but its output bytes did not: consume is still a hit
    assertThat(sameBytes.step("produce").state()).isEqualTo(StepState.COMPLETED);
    assertThat(sameBytes.step("consume").state()).isEqualTo(StepState.CACHED);
    assertThat(g.runner.runsOf("consume")).isEqualTo(2);
  }

  @Test
  void tenConcurrentIdenticalStepsRunInOneContainer() throws Exception {
    String definition = "{steps: [{name: once, command: 'sleep 2 && echo ran once'}]}";
    List<ExecutionHandle> handles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      handles.add(g.gantry.executeTaskWorkflowAsync(g.task(definition), null, Map.of(), false));
    }
    List<StepState> states = new ArrayList<>();
    for (ExecutionHandle handle : handles) {
      Execution done = handle.await(Duration.ofMinutes(2));
      assertThat(done.state()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(done.step("once").lastAttempt().stdout()).isEqualTo("ran once\n");
      states.add(done.step("once").state());
    }

    assertThat(g.runner.requests).hasSize(1);
    assertThat(g.runner.containers).hasSize(1);
    assertThat(states).containsOnly(StepState.COMPLETED, StepState.CACHED);
    assertThat(states).filteredOn(s -> s == StepState.CACHED).hasSize(9);
  }
}
