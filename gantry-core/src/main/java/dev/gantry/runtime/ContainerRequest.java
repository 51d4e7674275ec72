package dev.gantry.runtime;

import dev.gantry.pipeline.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to create for the container management API.
 *
 * @param name the container name, or null for one the engine picks
 * @param command the argv to run; empty keeps the image's entrypoint and command
 * @param labels labels to set (the caller adds {@code gantry.owner}, {@code gantry.workflow}, ...)
 * @param resources limits; empty uses the runtime defaults
 */
public record ContainerRequest(
    String image,
    String name,
    Map<String, String> environment,
    List<VolumeMount> volumes,
    List<String> command,
    Map<String, String> labels,
    Optional<Resources> resources) {
  public ContainerRequest {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image is required");
    }
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    command = command == null ? List.of() : List.copyOf(command);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    resources = resources == null ? Optional.empty() : resources;
  }
}
