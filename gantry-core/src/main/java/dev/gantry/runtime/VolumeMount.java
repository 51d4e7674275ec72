package dev.gantry.runtime;

/**
 * One volume of a managed container.
 *
 * @param source a named volume ({@code my-data}) or an absolute host path, checked by {@link
 *     HostPathPolicy}
 * @param target the absolute path inside the container
 */
public record VolumeMount(String source, String target, boolean readOnly) {
  public VolumeMount {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("volume source is required");
    }
    if (target == null || !target.startsWith("/")) {
      throw new IllegalArgumentException(
          "volume target must be an absolute path in the container, got '" + target + "'");
    }
  }

  public boolean hostPath() {
    return HostPathPolicy.isHostPath(source);
  }
}
