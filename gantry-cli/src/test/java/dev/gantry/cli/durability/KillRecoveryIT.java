package dev.gantry.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.durability.DurabilityFixture.Child;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kill -9 test of issue 5: a separate JVM runs 20 two-step workflows with multi-second steps on
 * an H2 file; it is killed with SIGKILL at one of several points; a new instance on the same store
 * recovers: every workflow ends completed with its own result, and no container labelled with
 * either instance's owner id is left.
 */
class KillRecoveryIT {
  static final int WORKFLOWS = 20;

  @TempDir Path dir;

  @ParameterizedTest(name = "killed {0}")
  @ValueSource(strings = {"early", "mid", "late"})
  void everyAcceptedWorkflowEndsCorrectlyAfterTheRunnerIsKilled(String point) throws Exception {
    String child = "killed-" + point + "-" + UUID.randomUUID();
    String recoverer = "recoverer-" + UUID.randomUUID();
    DurabilityFixture.infoLogs();
    try (DurabilityFixture fixture = new DurabilityFixture(dir, 1)) {
      Child jvm = fixture.start(child, WORKFLOWS, 3);
      Duration limit = Duration.ofSeconds(90);
      switch (point) {
        case "early" -> // all accepted, hardly anything running yet
            await().atMost(limit).until(() -> jvm.count("SUBMITTED") == WORKFLOWS);
        case "mid" -> // several steps' containers running
            await()
                .atMost(limit)
                .until(
                    () ->
                        jvm.count("SUBMITTED") == WORKFLOWS
                            && fixture.containers(child).size() >= 6);
        default -> // some workflows finished already
            await().atMost(limit).until(() -> jvm.count("DONE") >= 5);
      }
      jvm.process().destroyForcibly(); // SIGKILL on Linux
      assertThat(jvm.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      Map<String, Integer> accepted = jvm.submitted();
      assertThat(accepted).hasSize(WORKFLOWS);

      try (TaskWorkflowIntegration gantry = fixture.open(recoverer)) {
        DurabilityFixture.awaitAllTerminal(gantry, accepted, Duration.ofSeconds(120));
        DurabilityFixture.assertCorrect(gantry, accepted);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.containers(child).isEmpty());
      }
      assertThat(fixture.containers(child)).isEmpty();
      assertThat(fixture.containers(recoverer)).isEmpty();
    }
  }
}
