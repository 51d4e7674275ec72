package dev.gantry.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.config.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathPolicyTest {
  @TempDir Path dir;

  private HostPathPolicy allowing(Path... roots) {
    return new HostPathPolicy(List.of(roots).stream().map(Path::toString).toList());
  }

  @Test
  void refusesEveryHostPathByDefaultAndSaysHowToAllowIt() {
    HostPathPolicy policy = HostPathPolicy.of(SecurityConfig.DEFAULT);
    assertThatThrownBy(() -> policy.check("volumes[0].source", "/tmp"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("volumes[0].source")
        .hasMessageContaining("'/tmp'")
        .hasMessageContaining("security.allowed_host_paths (now none)")
        .hasMessageContaining("allowed_host_paths: [\"/tmp\"]");
  }

  @Test
  void allowsPathsUnderAnAllowedRoot() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data/sub"));
    HostPathPolicy policy = allowing(dir);
    assertThat(policy.check("v", data.toString())).isEqualTo(data.toRealPath());
    assertThat(policy.check("v", dir.toString())).isEqualTo(dir.toRealPath());
    assertThat(policy.check("v", dir + "/not/yet/there"))
        .isEqualTo(dir.toRealPath().resolve("not/yet/there"));
  }

  @Test
  void allowsTmpOnceConfigured() {
    assertThat(new HostPathPolicy(List.of("/tmp")).check("v", "/tmp")).isNotNull();
  }

  @Test
  void refusesSiblingsWithACommonPrefix() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("data"));
    Path sibling = Files.createDirectories(dir.resolve("data-other"));
    assertThatThrownBy(() -> allowing(allowed).check("v", sibling.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not allowed");
  }

  @Test
  void refusesDotDotSegmentsEvenWhenTheyStayInside() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    assertThatThrownBy(() -> allowing(dir).check("v", dir + "/a/../a"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> allowing(dir).check("v", dir + "/../../etc"))
        .hasMessageContaining("'..'");
  }

  @Test
  void refusesRelativePaths() {
    assertThatThrownBy(() -> allowing(dir).check("v", "./data"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be absolute");
  }

  @Test
  void refusesASymlinkThatEscapesTheAllowedRoot() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path link = Files.createSymbolicLink(allowed.resolve("link"), outside);
    assertThatThrownBy(() -> allowing(allowed).check("v", link.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("resolves to '" + outside.toRealPath() + "'")
        .hasMessageContaining("is not allowed");
    assertThatThrownBy(() -> allowing(allowed).check("v", link + "/new-file"))
        .hasMessageContaining("is not allowed");
  }

  @Test
  void refusesASymlinkToEtcEvenWhenItsDirectoryIsAllowed() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("etc-link"), Path.of("/etc"));
    assertThatThrownBy(() -> allowing(dir).check("v", link.toString()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is never allowed")
        .hasMessageContaining("/etc");
  }

  @Test
  void refusesADanglingSymlink() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));
    assertThatThrownBy(() -> allowing(dir).check("v", link.toString()))
        .hasMessageContaining("symlink that points nowhere");
  }

  @Test
  void alwaysRefusesSystemPathsAndTheDockerSocketWhateverIsAllowed() {
    HostPathPolicy everything = new HostPathPolicy(List.of("/"));
    for (String path :
        List.of(
            "/",
            "/proc",
            "/proc/self",
            "/sys",
            "/sys/fs",
            "/etc",
            "/etc/passwd",
            "/var/run/docker.sock",
            "/run/docker.sock",
            "/var/run",
            "/run",
            "/var")) {
      assertThatThrownBy(() -> everything.check("volumes[1].source", path))
          .as(path)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("volumes[1].source")
          .hasMessageContaining("is never allowed");
    }
  }

  @Test
  void aSymlinkToTheDockerSocketIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("sock"), Path.of("/var/run/docker.sock"));
    assertThatThrownBy(() -> allowing(dir).check("v", link.toString()))
        .hasMessageContaining("is never allowed");
  }

  @Test
  void tellsHostPathsFromNamedVolumes() {
    assertThat(HostPathPolicy.isHostPath("/tmp")).isTrue();
    assertThat(HostPathPolicy.isHostPath("./x")).isTrue();
    assertThat(HostPathPolicy.isHostPath("my-volume")).isFalse();
  }
}
