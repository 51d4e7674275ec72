package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHostTest {
  @Test
  void configWinsOverEnvironmentWhichWinsOverTheDefault() {
    assertThat(DockerHost.resolve("tcp://10.0.0.1:2375", Map.of("DOCKER_HOST", "unix:///x.sock")))
        .isEqualTo(new DockerHost("tcp://10.0.0.1:2375", "runtime.docker_host"));
    assertThat(DockerHost.resolve(null, Map.of("DOCKER_HOST", "unix:///x.sock")))
        .isEqualTo(new DockerHost("unix:///x.sock", "DOCKER_HOST"));
    assertThat(DockerHost.resolve(" ", Map.of("DOCKER_HOST", "")))
        .isEqualTo(new DockerHost("unix:///var/run/docker.sock", "default"));
  }
}
