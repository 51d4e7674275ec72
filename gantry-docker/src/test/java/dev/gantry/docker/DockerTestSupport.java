package dev.gantry.docker;

import com.github.dockerjava.api.model.Container;
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
