package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.runtime.StepRequest;
import dev.gantry.testkit.StepRequestBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An engine that cannot be reached is reported with the address tried and how to start one. */
class DockerUnreachableTest {
  private static final String SOCKET = "unix:///nonexistent/gantry-test/docker.sock";

  private static DockerStepRunner runner(String uri) {
    return new DockerStepRunner(
        DockerEngine.connect(DockerHost.resolve(null, Map.of("DOCKER_HOST", uri))));
  }

  @Test
  void pingNamesTheHostAndHowToStartAnEngine() {
    try (DockerStepRunner runner = runner(SOCKET)) {
      assertThatThrownBy(runner::ping)
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageContaining(SOCKET)
          .hasMessageContaining("DOCKER_HOST")
          .hasMessageContaining("systemctl start docker")
          .hasMessageContaining("dockerd")
          .satisfies(e -> assertThat(((RuntimeUnavailableException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void runFailsTheSameWay() {
    StepRequest request = StepRequestBuilder.step("unreachable").argv("true").build();
    try (DockerStepRunner runner = runner(SOCKET)) {
      assertThatThrownBy(() -> runner.run(request))
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageContaining(SOCKET)
          .hasMessageContaining("systemctl start docker");
    }
  }

  @Test
  void refusedTcpPortIsUnavailableToo() {
    try (DockerStepRunner runner = runner("tcp://127.0.0.1:1")) {
      assertThatThrownBy(runner::ping)
          .isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageContaining("tcp://127.0.0.1:1");
    }
  }
}
