package dev.gantry.docker;

import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.StepRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link StepRequest} into the fields of Docker's create-container request. Pure: no
 * engine, no I/O.
 *
 * <p>Command: a non-empty argv replaces both the image's entrypoint and its command (entrypoint
 * {@code argv[0]}, command {@code argv[1..]}), so the container runs exactly the argv the step
 * declares, whatever image it names; an empty argv keeps the image's own entrypoint and command.
 *
 * <p>Security defaults: never privileged, every capability dropped, {@code no-new-privileges},
 * network {@code none} unless the step asks for {@link NetworkMode#BRIDGE}, memory (with no swap),
 * CPU and pids limits always set (missing ones from {@link RuntimeConfig#DEFAULT}), no bind mounts,
 * logs kept by the {@code json-file} driver (readable whatever the engine's default driver is).
 */
public final class ContainerSpecMapper {
  /** Size of one json-file log file; two are kept. Gantry itself keeps only the tail. */
  static final String LOG_MAX_SIZE = "16m";

  private ContainerSpecMapper() {}

  public static ContainerSpec map(StepRequest request) {
    List<String> argv = request.argv();
    List<String> entrypoint = argv.isEmpty() ? List.of() : List.of(argv.getFirst());
    List<String> cmd = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
    List<String> env = new ArrayList<>();
    request.env().forEach((name, value) -> env.add(name + "=" + value));
    Resources limits = request.resources().orElse(RuntimeConfig.DEFAULT.defaultResources());
    return new ContainerSpec(
        request.image(),
        entrypoint,
        cmd,
        env,
        blankToNull(request.workdir()),
        blankToNull(request.user()),
        request.labels(),
        request.network() == NetworkMode.BRIDGE ? "bridge" : "none",
        limits.memoryBytes(),
        Math.max(1L, Math.round(limits.cpus() * 1_000_000_000d)),
        limits.pidsLimit(),
        false,
        List.of("ALL"),
        List.of("no-new-privileges"),
        "json-file",
        Map.of("max-size", LOG_MAX_SIZE, "max-file", "2"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
