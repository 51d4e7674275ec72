package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.internal.Ids;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.runtime.Labels;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's circuit breaker against a real unreachable engine: the engine is reached through a
 * TCP proxy that the test stops (calls fail, the breaker opens and then fails calls fast) and
 * restarts (after the reset timeout a trial call goes through and closes it).
 */
class DockerCircuitBreakerIT {
  private static final int RESET_SECONDS = 1;

  @TempDir Path dataDir;
  private final String owner = Ids.random("breaker-it");
  private SocketProxy proxy;
  private DockerStepRunner runner;
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void setUp() throws Exception {
    DockerTestSupport.engineWithBusybox().close();
    proxy = SocketProxy.toLocalEngine();
    proxy.start();
    runner =
        new DockerStepRunner(
            DockerEngine.connect(new DockerHost(proxy.uri(), "test proxy")),
            DockerStepRunner.DEFAULT_MAX_LOG_BYTES,
            Clock.systemUTC(),
            new CircuitBreakerConfig(2, RESET_SECONDS, 1));
    gantry =
        TaskWorkflowIntegration.builder(
                GantryConfig.defaults()
                    .withDataDirectory(dataDir)
                    // one attempt per step: each failed execution is one failed engine call
                    .withWorkflowDefaults(
                        new WorkflowDefaults(600, 0, 0.5, false, true, ".dagger_cache", 3600)))
            .store(new InMemoryStore())
            .runner(runner)
            .ownerId(owner)
            .build();
    project = gantry.tasks().createProject("breaker", "", Map.of());
  }

  @AfterEach
  void tearDown() throws Exception {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      assertThat(DockerTestSupport.containers(engine, Map.of(Labels.OWNER, owner), false))
          .isEmpty();
    } finally {
      gantry.close();
      proxy.close();
    }
  }

  private WorkflowRunResult run(boolean useBreaker) {
    String task =
        gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build()).id().value();
    Map<String, Object> params = new HashMap<>();
    params.put("container_image", LocalImages.BUSYBOX);
    params.put("command", List.of("echo", "through the proxy"));
    if (!useBreaker) {
      params.put("use_circuit_breaker", false);
    }
    return gantry.executeTaskWorkflow(task, "containerized_workflow", params, true);
  }

  private CircuitBreakerInfo breaker() {
    List<CircuitBreakerInfo> all = gantry.circuitBreakers();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void opensWhenTheEngineIsUnreachableFailsFastAndClosesWhenItIsBack() throws Exception {
    String name = "docker:" + proxy.uri();
    assertThat(run(true).success()).isTrue();
    assertThat(breaker().name()).isEqualTo(name);
    assertThat(breaker().state()).isEqualTo("closed");

    proxy.stop();
    for (int i = 0; i < 2; i++) {
      WorkflowRunResult unreachable = run(true);
      assertThat(unreachable.success()).isFalse();
      assertThat(unreachable.error()).contains("Cannot reach the Docker engine at " + proxy.uri());
    }
    CircuitBreakerInfo open = breaker();
    assertThat(open.state()).isEqualTo("open");
    assertThat(open.failedCalls()).isEqualTo(2);
    assertThat(open.nextHalfOpenAt()).isNotNull();

    WorkflowRunResult fast = run(true);
    assertThat(fast.success()).isFalse();
    assertThat(fast.error())
        .contains("Circuit breaker '" + name + "' is open")
        .contains("It half-opens at " + open.nextHalfOpenAt())
        .doesNotContain("Cannot reach");
    assertThat(breaker().notPermittedCalls()).isGreaterThanOrEqualTo(1);

    WorkflowRunResult bypass = run(false);
    assertThat(bypass.error()).contains("Cannot reach the Docker engine").doesNotContain("Circuit");
    assertThat(breaker().state()).isEqualTo("open");

    proxy.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> run(true).success());
    assertThat(breaker().state()).isEqualTo("closed");
    assertThat(runner.breaker().transitions())
        .map(t -> t.substring(0, t.indexOf(' ')))
        .containsSubsequence("closed->open", "open->half_open", "half_open->closed");
  }
}
