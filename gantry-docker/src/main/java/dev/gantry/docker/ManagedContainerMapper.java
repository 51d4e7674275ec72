package dev.gantry.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ContainerRequest} of the container management API into Docker's create request:
 * the same security defaults as steps (see {@link ContainerSpecMapper}: not privileged, every
 * capability dropped, {@code no-new-privileges}, network {@code none}, memory/CPU/pids limits,
 * json-file logs) plus binds for its volumes. Host paths are checked by {@link HostPathPolicy} and
 * bound by their real path. Pure apart from resolving host paths.
 */
public final class ManagedContainerMapper {
  /** The label marking containers of the management API. */
  public static final String KIND_LABEL = "gantry.kind";

  public static final String KIND_MANAGED = "managed";

  private ManagedContainerMapper() {}

  /** A create request as values: the container fields and its binds. */
  public record Mapped(ContainerSpec spec, List<Bind> binds) {}

  public static Mapped map(ContainerRequest request, HostPathPolicy policy, RuntimeConfig runtime) {
    List<String> argv = request.command();
    List<String> env = new ArrayList<>();
    request.environment().forEach((name, value) -> env.add(name + "=" + value));
    Resources limits =
        request.resources().orElse(Resources.DEFAULTS).orElse(runtime.defaultResources());
    Map<String, String> labels = new java.util.HashMap<>(request.labels());
    labels.put(KIND_LABEL, KIND_MANAGED);
    ContainerSpec spec =
        new ContainerSpec(
            request.image(),
            argv.isEmpty() ? List.of() : List.of(argv.getFirst()),
            argv.isEmpty() ? List.of() : argv.subList(1, argv.size()),
            env,
            null,
            null,
            labels,
            "none",
            limits.memoryBytes(),
            Math.max(1L, Math.round(limits.cpus() * 1_000_000_000d)),
            limits.pidsLimit(),
            false,
            List.of("ALL"),
            List.of("no-new-privileges"),
            "json-file",
            Map.of("max-size", ContainerSpecMapper.LOG_MAX_SIZE, "max-file", "2"));
    List<Bind> binds = new ArrayList<>();
    for (int i = 0; i < request.volumes().size(); i++) {
      VolumeMount v = request.volumes().get(i);
      String source =
          v.hostPath()
              ? policy.check("volumes[" + i + "].source", v.source()).toString()
              : v.source();
      binds.add(
          new Bind(source, new Volume(v.target()), v.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    return new Mapped(spec, binds);
  }
}
