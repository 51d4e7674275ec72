package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.Ids;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.resilience.CircuitBreakerOpenException;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container management calls go through the endpoint's circuit breaker, the same one as the step
 * runner's: with the engine unreachable (a stopped TCP proxy) the breaker opens and container calls
 * fail fast naming it; once the engine is back a trial call closes it.
 */
class ContainerCircuitBreakerIT {
  @TempDir Path dataDir;
  private final String owner = Ids.random("container-breaker-it");
  private SocketProxy proxy;
  private DockerStepRunner runner;
  private TaskWorkflowIntegration gantry;
  private String workflowId;

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
            new CircuitBreakerConfig(2, 1, 1));
    gantry =
        TaskWorkflowIntegration.builder(GantryConfig.defaults().withDataDirectory(dataDir))
            .store(new InMemoryStore())
            .runner(runner)
            .ownerId(owner)
            .build();
    Project project = gantry.tasks().createProject("breaker", "", Map.of());
    String task =
        gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build()).id().value();
    workflowId = gantry.createWorkflowFromTask(task, "wf", Map.of()).workflowId();
  }

  @AfterEach
  void tearDown() throws Exception {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      for (String id : DockerTestSupport.containers(engine, Map.of(Labels.OWNER, owner), false)) {
        engine.calls().removeContainerCmd(id).withForce(true).exec();
        throw new AssertionError("container " + id + " was left behind");
      }
    } finally {
      gantry.close();
      proxy.close();
    }
  }

  private CircuitBreakerInfo breaker() {
    List<CircuitBreakerInfo> all = gantry.circuitBreakers();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void anUnreachableEngineOpensTheEndpointsBreakerAndContainerCallsFailFast() throws Exception {
    String name = "docker:" + proxy.uri();
    ContainerInfo c =
        gantry.createContainer(
            workflowId, "busybox:latest", null, Map.of(), List.of(), List.of("true"));
    assertThat(gantry.listContainers(workflowId, null)).hasSize(1);

    proxy.stop();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> gantry.getContainer(c.id()))
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageContaining("Cannot reach the Docker engine at " + proxy.uri());
    }
    CircuitBreakerInfo open = breaker();
    assertThat(open.name()).isEqualTo(name);
    assertThat(open.state()).isEqualTo("open");
    assertThat(open.failedCalls()).isEqualTo(2);

    assertThatThrownBy(() -> gantry.startContainer(c.id()))
        .isInstanceOfSatisfying(
            CircuitBreakerOpenException.class, e -> assertThat(e.breaker()).isEqualTo(name))
        .hasMessageContaining("Circuit breaker '" + name + "' is open")
        .hasMessageContaining("Not attempted: inspect container " + c.id())
        .hasMessageEndingWith(DockerContainerManager.BREAKER_ADVICE)
        .message()
        .doesNotContain("use_circuit_breaker");
    assertThatThrownBy(() -> gantry.listContainers(workflowId, null))
        .isInstanceOf(CircuitBreakerOpenException.class)
        .hasMessageContaining("list containers");
    assertThat(breaker().notPermittedCalls()).isGreaterThanOrEqualTo(2);

    proxy.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(CircuitBreakerOpenException.class)
        .until(() -> gantry.listContainers(workflowId, null).size() == 1);
    assertThat(breaker().state()).isEqualTo("closed");
    gantry.deleteContainer(c.id());
    assertThat(gantry.listContainers(workflowId, null)).isEmpty();
  }
}
