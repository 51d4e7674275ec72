package dev.gantry.bench;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.docker.ContainerSpec;
import dev.gantry.docker.DockerEngine;
import dev.gantry.pipeline.Resources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The second baseline: the least a program must ask the engine to run a container to completion —
 * create (with Gantry's limits and security options), start, wait, remove — through the same
 * docker-java connection Gantry uses, without logs, inspection or records. What Gantry takes beyond
 * this is its own orchestration.
 */
final class EngineApi {
  private final DockerEngine engine;

  EngineApi(DockerEngine engine) {
    this.engine = engine;
  }

  /** Runs {@code argv} in a new container labelled {@code labels} and removes it. */
  void run(Map<String, String> labels, List<String> argv) {
    Resources limits = RuntimeConfig.DEFAULT.defaultResources();
    ContainerSpec spec =
        new ContainerSpec(
            DockerCli.IMAGE,
            List.of(argv.getFirst()),
            argv.subList(1, argv.size()),
            List.of(),
            null,
            null,
            labels,
            "none",
            limits.memoryBytes(),
            Math.round(limits.cpus() * 1_000_000_000d),
            limits.pidsLimit(),
            false,
            List.of("ALL"),
            List.of("no-new-privileges"),
            "json-file",
            Map.of("max-size", "16m", "max-file", "2"));
    String id = spec.applyTo(engine.calls().createContainerCmd(DockerCli.IMAGE)).exec().getId();
    try {
      engine.calls().startContainerCmd(id).exec();
      engine
          .streams()
          .waitContainerCmd(id)
          .exec(new WaitContainerResultCallback())
          .awaitStatusCode(60, TimeUnit.SECONDS);
    } finally {
      engine.calls().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    }
  }
}
