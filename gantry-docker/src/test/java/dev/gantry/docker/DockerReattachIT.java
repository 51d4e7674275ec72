package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.runtime.Archives;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepContainer;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.testkit.StepRequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recovery on Docker: containers that a dead instance started are found by their labels,
 * re-attached (running or exited) and removed (docs/durability.md).
 */
class DockerReattachIT {
  private static final String OWNER = "reattach-it-" + UUID.randomUUID();
  private static DockerStepRunner runner;

  @BeforeAll
  static void start() {
    runner = new DockerStepRunner(DockerTestSupport.engineWithBusybox());
  }

  @AfterAll
  static void noContainerLeft() {
    try {
      assertThat(DockerTestSupport.containers(runner.engine(), Map.of(Labels.OWNER, OWNER), false))
          .isEmpty();
    } finally {
      runner.close();
    }
  }

  private static Map<String, String> labels(String execution) {
    return Map.of(
        Labels.OWNER, OWNER, Labels.EXECUTION, execution, Labels.STEP, "s", Labels.ATTEMPT, "1");
  }

  /** A container as a now-dead instance left it: created with the step's labels and started. */
  private static String orphan(String execution, String script) {
    String id =
        runner
            .engine()
            .calls()
            .createContainerCmd(LocalImages.BUSYBOX)
            .withLabels(labels(execution))
            .withCmd("sh", "-c", script)
            .exec()
            .getId();
    runner.engine().calls().startContainerCmd(id).exec();
    return id;
  }

  private static StepRequest request(String execution) {
    return StepRequestBuilder.step("s")
        .labels(labels(execution))
        .image(LocalImages.BUSYBOX)
        .argv("true")
        .outputs("/out/x")
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  @Test
  void aRunningContainerIsFoundReattachedAwaitedAndRemoved() throws Exception {
    String execution = "e-" + UUID.randomUUID();
    String id = orphan(execution, "mkdir -p /out; sleep 2; echo result > /out/x; echo finished");

    List<StepContainer> found =
        runner.findStepContainers(Map.of(Labels.EXECUTION, execution, Labels.ATTEMPT, "1"));
    assertThat(found).extracting(StepContainer::id).containsExactly(id);
    assertThat(found.get(0).status()).isEqualTo("running");
    assertThat(found.get(0).labels()).containsEntry(Labels.STEP, "s");

    StepOutcome outcome = runner.attach(id, request(execution));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.stdout()).isEqualTo("finished\n");
    assertThat(outcome.containerId()).isEqualTo(id);
    Path archive = outcome.outputArchives().get("/out/x");
    assertThat(Archives.readFile(archive, "/out/x", 1024).map(String::new)).contains("result\n");
    Files.deleteIfExists(archive);
    assertThat(runner.findStepContainers(Map.of(Labels.EXECUTION, execution))).isEmpty();
  }

  @Test
  void anExitedContainerHasItsResultCollected() {
    String execution = "e-" + UUID.randomUUID();
    String id = orphan(execution, "echo early; echo oops >&2; exit 3");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> runner.findStepContainers(Map.of(Labels.EXECUTION, execution)).get(0).status(),
            "exited"::equals);

    StepOutcome outcome = runner.attach(id, request(execution));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.stdout()).isEqualTo("early\n");
    assertThat(outcome.stderr()).isEqualTo("oops\n");
    assertThat(outcome.missingOutputs()).containsExactly("/out/x");
    assertThat(runner.findStepContainers(Map.of(Labels.EXECUTION, execution))).isEmpty();
  }

  @Test
  void removingKillsAndRemovesAndAnUnknownIdIsNoError() {
    String execution = "e-" + UUID.randomUUID();
    String id = orphan(execution, "sleep 60");

    runner.removeContainer(id);
    runner.removeContainer(id);
    runner.removeContainer("no-such-container-" + UUID.randomUUID());

    assertThat(runner.findStepContainers(Map.of(Labels.EXECUTION, execution))).isEmpty();
  }
}
