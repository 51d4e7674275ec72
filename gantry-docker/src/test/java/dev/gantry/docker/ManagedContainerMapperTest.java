package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import dev.gantry.InvalidInputException;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.VolumeMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedContainerMapperTest {
  @TempDir Path dir;

  private static ContainerRequest request(List<VolumeMount> volumes, Optional<Resources> r) {
    return new ContainerRequest(
        "busybox:latest",
        "web",
        Map.of("VAR1", "value1"),
        volumes,
        List.of("sh", "-c", "echo hi"),
        Map.of("gantry.workflow", "wf-1"),
        r);
  }

  @Test
  void appliesTheSecurityDefaultsAndTheKindLabel() {
    ContainerSpec spec =
        ManagedContainerMapper.map(
                request(List.of(), Optional.empty()),
                new HostPathPolicy(List.of()),
                RuntimeConfig.DEFAULT)
            .spec();
    assertThat(spec.privileged()).isFalse();
    assertThat(spec.capDrop()).containsExactly("ALL");
    assertThat(spec.securityOpts()).containsExactly("no-new-privileges");
    assertThat(spec.networkMode()).isEqualTo("none");
    assertThat(spec.memoryBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(spec.nanoCpus()).isEqualTo(1_000_000_000L);
    assertThat(spec.pidsLimit()).isEqualTo(256L);
    assertThat(spec.labels())
        .containsEntry("gantry.kind", "managed")
        .containsEntry("gantry.workflow", "wf-1");
    assertThat(spec.env()).containsExactly("VAR1=value1");
    assertThat(spec.entrypoint()).containsExactly("sh");
    assertThat(spec.cmd()).containsExactly("-c", "echo hi");
  }

  @Test
  void givenResourcesOverrideTheDefaultsOneByOne() {
    ContainerSpec spec =
        ManagedContainerMapper.map(
                request(List.of(), Optional.of(new Resources(64L * 1024 * 1024, 0.5, null))),
                new HostPathPolicy(List.of()),
                RuntimeConfig.DEFAULT)
            .spec();
    assertThat(spec.memoryBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
    assertThat(spec.pidsLimit()).isEqualTo(256L);
  }

  @Test
  void namedVolumesAndAllowedHostPathsBecomeBinds() throws Exception {
    List<Bind> binds =
        ManagedContainerMapper.map(
                request(
                    List.of(
                        new VolumeMount("cache-vol", "/cache", false),
                        new VolumeMount(dir.toString(), "/data", true)),
                    Optional.empty()),
                new HostPathPolicy(List.of(dir.toString())),
                RuntimeConfig.DEFAULT)
            .binds();
    assertThat(binds).hasSize(2);
    assertThat(binds.get(0).getPath()).isEqualTo("cache-vol");
    assertThat(binds.get(0).getVolume().getPath()).isEqualTo("/cache");
    assertThat(binds.get(0).getAccessMode()).isEqualTo(AccessMode.rw);
    assertThat(binds.get(1).getPath()).isEqualTo(dir.toRealPath().toString());
    assertThat(binds.get(1).getAccessMode()).isEqualTo(AccessMode.ro);
  }

  @Test
  void refusedHostPathsNameTheVolume() {
    assertThatThrownBy(
            () ->
                ManagedContainerMapper.map(
                    request(
                        List.of(
                            new VolumeMount("ok", "/ok", false),
                            new VolumeMount("/tmp", "/data", false)),
                        Optional.empty()),
                    new HostPathPolicy(List.of()),
                    RuntimeConfig.DEFAULT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("volumes[1].source")
        .hasMessageContaining("security.allowed_host_paths");
  }
}
