package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.NotFoundException;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.LogFollow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Following a managed container's logs, and its resource limits, on a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLogsFollowIT {
  private final String owner = "container-follow-it-" + UUID.randomUUID();
  private DockerEngine engine;
  private DockerContainerManager manager;

  @BeforeAll
  void connect() {
    engine = DockerTestSupport.engineWithBusybox();
    manager =
        new DockerContainerManager(
            engine, new HostPathPolicy(List.of()), RuntimeConfig.DEFAULT, false);
  }

  @AfterAll
  void noContainerLeftThenClose() {
    try {
      for (String id : DockerTestSupport.containers(engine, Map.of(Labels.OWNER, owner), false)) {
        manager.delete(id);
      }
      assertThat(DockerTestSupport.containers(engine, Map.of(Labels.OWNER, owner), false))
          .isEmpty();
    } finally {
      engine.close();
    }
  }

  private ContainerInfo create(List<String> command, Resources resources) {
    return manager.create(
        new ContainerRequest(
            "busybox:latest",
            null,
            Map.of(),
            List.of(),
            command,
            Map.of(Labels.OWNER, owner, Labels.WORKFLOW, "wf-follow"),
            Optional.ofNullable(resources)));
  }

  private ContainerInfo started(String script) {
    ContainerInfo c = create(List.of("sh", "-c", script), null);
    manager.start(c.id());
    return c;
  }

  @Test
  void followsLinesAsTheyAreWrittenAndEndsWhenTheContainerStops() throws Exception {
    ContainerInfo c =
        started("for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.25; done; echo done >&2");
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LogFollow follow = manager.followLogs(c.id(), null, null, lines::add)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
      assertThat(manager.inspect(c.id()).status())
          .as("the first line arrives while the container still runs")
          .isEqualTo("running");
      assertThat(follow.await(Duration.ofSeconds(30))).isTrue();
      assertThat(follow.done()).isTrue();
      assertThat(follow.error()).isNull();
    }
    assertThat(lines)
        .containsExactly(
            "line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "done");
    assertThat(manager.inspect(c.id()).status()).isEqualTo("exited");
    manager.delete(c.id());
  }

  @Test
  void closingStopsTheStreamButNotTheContainer() throws Exception {
    ContainerInfo c = started("i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done");
    List<String> lines = new CopyOnWriteArrayList<>();
    LogFollow follow = manager.followLogs(c.id(), null, null, lines::add);
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() >= 3);
    follow.close();
    assertThat(follow.done()).isTrue();
    int seen = lines.size();
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> lines.size() == seen);
    assertThat(manager.inspect(c.id()).status()).isEqualTo("running");
    follow.close();
    manager.delete(c.id());
  }

  @Test
  void tailLimitsWhatCameBeforeThenFollows() throws Exception {
    ContainerInfo c = started("echo a; echo b; echo c; sleep 1; echo d");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> manager.logs(c.id(), null, null).contains("c"));
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LogFollow follow = manager.followLogs(c.id(), 1, null, lines::add)) {
      assertThat(follow.await(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(lines).containsExactly("c", "d");
    manager.delete(c.id());
  }

  @Test
  void followingAnUnknownContainerIsNotFound() {
    assertThatThrownBy(() -> manager.followLogs("no-such-container", null, null, l -> {}))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("container 'no-such-container' not found");
  }

  @Test
  void givenLimitsAreSetOnTheContainer() {
    ContainerInfo c = create(List.of("true"), new Resources(64L * 1024 * 1024, 0.5, 32L));
    HostConfig host = engine.calls().inspectContainerCmd(c.id()).exec().getHostConfig();
    assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getMemorySwap()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getPidsLimit()).isEqualTo(32L);
    manager.delete(c.id());
  }
}
