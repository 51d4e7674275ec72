package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.GantryException;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.testkit.StepRequestBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Docker-specific behaviour: security defaults, limits, OOM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerSecurityIT {
  private final String owner = "docker-security-it-" + UUID.randomUUID();
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

  private List<String> containers(Map<String, String> labels, boolean runningOnly) {
    return DockerTestSupport.containers(runner.engine(), labels, runningOnly);
  }

  private StepRequestBuilder step(String name) {
    return StepRequestBuilder.step(name)
        .labels(
            Map.of(
                Labels.OWNER, owner,
                Labels.STEP, name,
                Labels.EXECUTION, "ex-" + UUID.randomUUID()))
        .image(LocalImages.BUSYBOX)
        .env("MODE", "secure");
  }

  @Test
  void runningContainerHasTheSecurityDefaultsAndLimits() {
    StepRequest request =
        step("inspected")
            .argv("sleep", "30")
            .resources(new Resources(48L * 1024 * 1024, 0.5, 32L))
            .workdir("/tmp")
            .user("65534")
            .build();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.set(runner.run(request));
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "security-it-step");
    thread.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> containers(request.labels(), true).size() == 1);
      String id = containers(request.labels(), true).getFirst();
      InspectContainerResponse container = runner.engine().calls().inspectContainerCmd(id).exec();
      HostConfig host = container.getHostConfig();

      assertThat(host.getPrivileged()).isFalse();
      assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
      assertThat(host.getCapAdd()).isNullOrEmpty();
      assertThat(host.getSecurityOpts()).contains("no-new-privileges");
      assertThat(host.getNetworkMode()).isEqualTo("none");
      assertThat(host.getMemory()).isEqualTo(48L * 1024 * 1024);
      assertThat(host.getMemorySwap()).isEqualTo(48L * 1024 * 1024);
      assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
      assertThat(host.getPidsLimit()).isEqualTo(32L);
      assertThat(host.getBinds()).isNullOrEmpty();
      assertThat(host.getAutoRemove()).isFalse();
      assertThat(container.getConfig().getLabels()).containsAllEntriesOf(request.labels());
      assertThat(container.getConfig().getEnv()).contains("MODE=secure");
      assertThat(container.getConfig().getWorkingDir()).isEqualTo("/tmp");
      assertThat(container.getConfig().getUser()).isEqualTo("65534");
      assertThat(container.getConfig().getEntrypoint()).containsExactly("sleep");
      assertThat(container.getConfig().getCmd()).containsExactly("30");
    } finally {
      thread.interrupt();
      await().atMost(Duration.ofSeconds(30)).until(() -> result.get() != null);
    }
    assertThat(result.get()).isInstanceOf(StepCancelledException.class);
    assertThat(containers(request.labels(), false)).isEmpty();
  }

  @Test
  void processesHaveNoCapabilitiesNoNewPrivilegesAndNoNetwork() {
    StepOutcome outcome =
        runner.run(
            step("inside")
                .shell("grep -E '^(CapEff|NoNewPrivs):' /proc/self/status; ls /sys/class/net")
                .build());

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("CapEff:\t0000000000000000\nNoNewPrivs:\t1\nlo\n");
  }

  @Test
  void exceedingTheMemoryLimitIsReportedAsOomKilled() {
    StepOutcome outcome =
        runner.run(
            step("hungry")
                .argv("tail", "/dev/zero")
                .resources(new Resources(8L * 1024 * 1024, 0.5, 16L))
                .build());

    assertThat(outcome.oomKilled()).isTrue();
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.describe()).contains("OOMKilled");
  }

  @Test
  void aLimitTheEngineRefusesFailsTheStepWithTheEnginesReasonAndIsNotRetried() {
    double cpus = Runtime.getRuntime().availableProcessors() + 62;

    assertThatThrownBy(
            () ->
                runner.run(
                    step("greedy").argv("true").resources(new Resources(null, cpus, null)).build()))
        .isInstanceOfSatisfying(
            GantryException.class, e -> assertThat(e.isRetryable()).as("retryable").isFalse())
        .hasMessageStartingWith("the Docker engine refused step greedy: ")
        .hasMessageContaining("CPU")
        .hasMessageNotContaining("Status 400");
  }
}
