package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecMapperTest {
  private static StepRequest request(
      List<String> argv, Resources resources, NetworkMode network, String workdir, String user) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("B", "2");
    env.put("A", "x=y z");
    return new StepRequest(
        Map.of(Labels.OWNER, "me", Labels.STEP, "build"),
        "build",
        "busybox:latest",
        argv,
        env,
        workdir,
        user,
        resources,
        network,
        List.of(),
        List.of("/work/out"),
        Duration.ofSeconds(5),
        null,
        null,
        List.of());
  }

  @Test
  void argvReplacesEntrypointAndCommandLiterally() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(
                List.of("echo", "a b", "$(id)", "x;y"),
                new Resources(64L << 20, 0.5, 50L),
                NetworkMode.NONE,
                "/work",
                "1000:1000"));

    assertThat(spec.image()).isEqualTo("busybox:latest");
    assertThat(spec.entrypoint()).containsExactly("echo");
    assertThat(spec.cmd()).containsExactly("a b", "$(id)", "x;y");
    assertThat(spec.env()).containsExactly("B=2", "A=x=y z");
    assertThat(spec.workdir()).isEqualTo("/work");
    assertThat(spec.user()).isEqualTo("1000:1000");
    assertThat(spec.labels()).containsEntry(Labels.OWNER, "me").containsEntry(Labels.STEP, "build");
  }

  @Test
  void emptyArgvKeepsTheImageDefaults() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(List.of(), new Resources(64L << 20, 1.0, 10L), NetworkMode.NONE, null, " "));

    assertThat(spec.entrypoint()).isEmpty();
    assertThat(spec.cmd()).isEmpty();
    assertThat(spec.workdir()).isNull();
    assertThat(spec.user()).isNull();
  }

  @Test
  void securityDefaultsAndLimits() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(
                List.of("true"), new Resources(64L << 20, 1.5, 50L), NetworkMode.NONE, null, null));

    assertThat(spec.privileged()).isFalse();
    assertThat(spec.capDrop()).containsExactly("ALL");
    assertThat(spec.securityOpts()).containsExactly("no-new-privileges");
    assertThat(spec.networkMode()).isEqualTo("none");
    assertThat(spec.memoryBytes()).isEqualTo(64L << 20);
    assertThat(spec.nanoCpus()).isEqualTo(1_500_000_000L);
    assertThat(spec.pidsLimit()).isEqualTo(50L);

    HostConfig host = spec.hostConfig();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
    assertThat(host.getNetworkMode()).isEqualTo("none");
    assertThat(host.getMemory()).isEqualTo(64L << 20);
    assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(64L << 20);
    assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
    assertThat(host.getPidsLimit()).isEqualTo(50L);
    assertThat(host.getBinds()).isNullOrEmpty();
    assertThat(host.getAutoRemove()).isFalse();
    assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
    assertThat(host.getLogConfig().getConfig()).containsKeys("max-size", "max-file");
  }

  @Test
  void bridgeOnlyWhenTheStepAsksForNetwork() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(
                List.of("true"),
                new Resources(64L << 20, 1.0, 5L),
                NetworkMode.BRIDGE,
                null,
                null));

    assertThat(spec.networkMode()).isEqualTo("bridge");
    assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("bridge");
  }

  @Test
  void missingLimitsFallBackToTheDefaults() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(List.of("true"), Resources.DEFAULTS, NetworkMode.NONE, null, null));

    Resources defaults = RuntimeConfig.DEFAULT.defaultResources();
    assertThat(spec.memoryBytes()).isEqualTo(defaults.memoryBytes());
    assertThat(spec.nanoCpus()).isEqualTo(Math.round(defaults.cpus() * 1e9));
    assertThat(spec.pidsLimit()).isEqualTo(defaults.pidsLimit());
  }

  @Test
  void appliedToACreateCommand() {
    ContainerSpec spec =
        ContainerSpecMapper.map(
            request(
                List.of("sh", "-c", "echo hi"),
                new Resources(64L << 20, 1.0, 5L),
                NetworkMode.NONE,
                "/work",
                "nobody"));

    CreateContainerCmdImpl cmd =
        (CreateContainerCmdImpl)
            spec.applyTo(
                new CreateContainerCmdImpl(
                    c -> {
                      throw new AssertionError("not sent in a unit test");
                    },
                    null,
                    "x"));

    assertThat(cmd.getImage()).isEqualTo("busybox:latest");
    assertThat(cmd.getEntrypoint()).containsExactly("sh");
    assertThat(cmd.getCmd()).containsExactly("-c", "echo hi");
    assertThat(cmd.getEnv()).containsExactly("B=2", "A=x=y z");
    assertThat(cmd.getWorkingDir()).isEqualTo("/work");
    assertThat(cmd.getUser()).isEqualTo("nobody");
    assertThat(cmd.getLabels()).containsEntry(Labels.OWNER, "me");
    assertThat(cmd.isNetworkDisabled()).isTrue();
    assertThat(cmd.getHostConfig().getCapDrop()).containsExactly(Capability.ALL);
  }
}
