package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shared helpers of the Docker integration tests. */
final class DockerTestSupport {
  private DockerTestSupport() {}

  /** An engine from {@code DOCKER_HOST} (or the local socket) with {@code busybox:latest}. */
  static DockerEngine engineWithBusybox() {
    DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(engine).ensureBusybox();
    return engine;
  }

  /**
   * Asserts that no container carries all of {@code labels}, waiting up to a minute for the
   * removals a runner makes in the background after a step returned.
   */
  static void assertNoContainers(DockerEngine engine, Map<String, String> labels) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(containers(engine, labels, false)).isEmpty());
  }

  /** Ids of the containers carrying all of {@code labels}. */
  static List<String> containers(
      DockerEngine engine, Map<String, String> labels, boolean runningOnly) {
    return engine
        .calls()
        .listContainersCmd()
        .withShowAll(!runningOnly)
        .withLabelFilter(labels)
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }
}
