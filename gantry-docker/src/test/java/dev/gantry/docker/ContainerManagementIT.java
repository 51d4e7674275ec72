package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The container management API against a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerManagementIT {
  private final String owner = "container-management-it-" + UUID.randomUUID();
  private DockerEngine engine;
  private DockerContainerManager manager;

  @BeforeAll
  void connect() {
    engine = DockerTestSupport.engineWithBusybox();
    manager = managerAllowing(List.of());
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

  private DockerContainerManager managerAllowing(List<String> allowed) {
    return new DockerContainerManager(
        engine, new HostPathPolicy(allowed), RuntimeConfig.DEFAULT, false);
  }

  private ContainerRequest request(
      String workflow, List<String> command, Map<String, String> env, List<VolumeMount> volumes) {
    return new ContainerRequest(
        "busybox:latest",
        null,
        env,
        volumes,
        command,
        Map.of(Labels.OWNER, owner, Labels.WORKFLOW, workflow),
        Optional.empty());
  }

  @Test
  void theSeedsExampleFlow() {
    String name = "gantry-it-" + UUID.randomUUID();
    ContainerInfo created =
        manager.create(
            new ContainerRequest(
                "busybox:latest",
                name,
                Map.of("VAR1", "value1"),
                List.of(),
                List.of("sh", "-c", "echo Hello, World!; echo $VAR1"),
                Map.of(Labels.OWNER, owner, Labels.WORKFLOW, "wf-seed"),
                Optional.empty()));
    assertThat(created.id()).isNotBlank();
    assertThat(created.status()).isEqualTo("created");
    assertThat(created.name()).isEqualTo(name);
    assertThat(created.workflowId()).isEqualTo("wf-seed");
    assertThat(created.labels()).containsEntry("gantry.kind", "managed");
    manager.start(created.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> manager.inspect(created.id()).status().equals("exited"));
    assertThat(manager.inspect(created.id()).exitCode()).isZero();
    assertThat(manager.logs(created.id(), null, null)).isEqualTo("Hello, World!\nvalue1\n");
    assertThat(manager.logs(created.id(), 1, null)).isEqualTo("value1\n");
    manager.stop(created.id(), Duration.ofSeconds(1));
    manager.delete(created.id());
    assertThatThrownBy(() -> manager.inspect(created.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(created.id());
  }

  @Test
  void statusIsReadFromTheEngineThroughTheLifecycle() {
    ContainerInfo c =
        manager.create(request("wf-life", List.of("sleep", "60"), Map.of(), List.of()));
    assertThat(manager.inspect(c.id()).status()).isEqualTo("created");
    manager.start(c.id());
    manager.start(c.id());
    assertThat(manager.inspect(c.id()).status()).isEqualTo("running");
    assertThat(manager.inspect(c.id()).exitCode()).isNull();
    manager.stop(c.id(), Duration.ZERO);
    ContainerInfo stopped = manager.inspect(c.id());
    assertThat(stopped.status()).isEqualTo("exited");
    assertThat(stopped.exitCode()).isEqualTo(137);
    manager.stop(c.id(), Duration.ZERO);
    manager.delete(c.id());
    manager.delete(c.id());
  }

  @Test
  void stopWaitsForTheGracePeriodThenKills() {
    ContainerInfo c =
        manager.create(
            request(
                "wf-grace", List.of("sh", "-c", "trap '' TERM; sleep 60"), Map.of(), List.of()));
    manager.start(c.id());
    long started = System.nanoTime();
    manager.stop(c.id(), Duration.ofSeconds(2));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(30));
    assertThat(manager.inspect(c.id()).status()).isEqualTo("exited");
    assertThat(manager.inspect(c.id()).exitCode()).isEqualTo(137);
    manager.delete(c.id());
  }

  @Test
  void theSeedsTmpVolumeIsRefusedByDefaultAndWorksOnceAllowed() throws Exception {
    List<VolumeMount> tmp = List.of(new VolumeMount("/tmp", "/data", false));
    String file = "gantry-it-" + UUID.randomUUID() + ".txt";
    List<String> write = List.of("sh", "-c", "echo written > /data/" + file);
    assertThatThrownBy(() -> manager.create(request("wf-tmp", write, Map.of(), tmp)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("volumes[0].source")
        .hasMessageContaining("security.allowed_host_paths")
        .hasMessageContaining("allowed_host_paths: [\"/tmp\"]");
    assertThat(DockerTestSupport.containers(engine, Map.of(Labels.WORKFLOW, "wf-tmp"), false))
        .isEmpty();

    DockerContainerManager allowing = managerAllowing(List.of("/tmp"));
    ContainerInfo c = allowing.create(request("wf-tmp", write, Map.of(), tmp));
    Path onHost = Path.of("/tmp", file);
    try {
      allowing.start(c.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> allowing.inspect(c.id()).status().equals("exited"));
      assertThat(allowing.inspect(c.id()).exitCode()).isZero();
      assertThat(onHost).hasContent("written");
    } finally {
      allowing.delete(c.id());
      Files.deleteIfExists(onHost);
    }
  }

  @Test
  void theDockerSocketEtcAndSymlinkEscapesAreRefusedEvenWhenAllowed(@TempDir Path dir)
      throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("escape"), Path.of("/etc"));
    DockerContainerManager permissive = managerAllowing(List.of("/", dir.toString()));
    for (String source : List.of("/var/run/docker.sock", "/etc", "/", link.toString())) {
      assertThatThrownBy(
              () ->
                  permissive.create(
                      request(
                          "wf-refused",
                          List.of("true"),
                          Map.of(),
                          List.of(new VolumeMount(source, "/x", false)))))
          .as(source)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("is never allowed");
    }
    assertThat(DockerTestSupport.containers(engine, Map.of(Labels.WORKFLOW, "wf-refused"), false))
        .isEmpty();
  }

  @Test
  void aNamedVolumeKeepsDataBetweenContainers() {
    String volume = "gantry-it-" + UUID.randomUUID();
    List<VolumeMount> mounts = List.of(new VolumeMount(volume, "/vol", false));
    try {
      ContainerInfo writer =
          manager.create(
              request("wf-vol", List.of("sh", "-c", "echo kept > /vol/f"), Map.of(), mounts));
      manager.start(writer.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> manager.inspect(writer.id()).status().equals("exited"));
      ContainerInfo reader =
          manager.create(request("wf-vol", List.of("cat", "/vol/f"), Map.of(), mounts));
      manager.start(reader.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> manager.inspect(reader.id()).status().equals("exited"));
      assertThat(manager.logs(reader.id(), null, null)).isEqualTo("kept\n");
      manager.delete(writer.id());
      manager.delete(reader.id());
    } finally {
      engine.calls().removeVolumeCmd(volume).exec();
    }
  }

  @Test
  void listsByWorkflowAndStatus() {
    String workflow = "wf-list-" + UUID.randomUUID();
    ContainerInfo running =
        manager.create(request(workflow, List.of("sleep", "60"), Map.of(), List.of()));
    ContainerInfo idle = manager.create(request(workflow, List.of("true"), Map.of(), List.of()));
    manager.create(request("other-" + workflow, List.of("true"), Map.of(), List.of()));
    manager.start(running.id());
    Map<String, String> byWorkflow = Map.of(Labels.OWNER, owner, Labels.WORKFLOW, workflow);
    assertThat(manager.list(byWorkflow, null))
        .extracting(ContainerInfo::id)
        .containsExactlyInAnyOrder(running.id(), idle.id());
    assertThat(manager.list(byWorkflow, "running"))
        .extracting(ContainerInfo::id)
        .containsExactly(running.id());
    assertThat(manager.list(byWorkflow, "created"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.id()).isEqualTo(idle.id());
              assertThat(c.workflowId()).isEqualTo(workflow);
              assertThat(c.image()).isEqualTo("busybox:latest");
            });
  }

  @Test
  void unknownIdsAreNotFound() {
    String id = "no-such-container-" + UUID.randomUUID();
    for (Runnable call :
        List.<Runnable>of(
            () -> manager.start(id),
            () -> manager.stop(id, Duration.ZERO),
            () -> manager.inspect(id),
            () -> manager.logs(id, null, null))) {
      assertThatThrownBy(call::run)
          .isInstanceOf(NotFoundException.class)
          .hasMessage("container '" + id + "' not found");
    }
    manager.delete(id);
  }

  @Test
  void createdContainersCarryTheSecurityDefaults() {
    ContainerInfo c = manager.create(request("wf-sec", List.of("true"), Map.of(), List.of()));
    HostConfig host = engine.calls().inspectContainerCmd(c.id()).exec().getHostConfig();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
    assertThat(host.getNetworkMode()).isEqualTo("none");
    assertThat(host.getMemory()).isEqualTo(512L * 1024 * 1024);
    assertThat(host.getMemorySwap()).isEqualTo(512L * 1024 * 1024);
    assertThat(host.getPidsLimit()).isEqualTo(256L);
    assertThat(host.getNanoCPUs()).isEqualTo(1_000_000_000L);
    manager.delete(c.id());
  }
}
