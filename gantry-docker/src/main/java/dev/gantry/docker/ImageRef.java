package dev.gantry.docker;

import java.util.List;
import java.util.Locale;

/**
 * An image reference split as the engine's pull call wants it: {@code
 * registry.example:5000/team/app:1.2} → registry {@code registry.example:5000}, repository {@code
 * registry.example:5000/team/app}, tag {@code 1.2}. A digest ({@code app@sha256:...}) is kept as
 * the "tag", which the engine accepts in its place.
 *
 * @param registry the registry host, or {@code null} for Docker Hub
 */
record ImageRef(String registry, String repository, String tag) {
  static ImageRef parse(String image) {
    String name = image;
    String tag;
    int at = name.indexOf('@');
    if (at >= 0) {
      tag = name.substring(at + 1);
      name = name.substring(0, at);
    } else {
      int colon = name.lastIndexOf(':');
      if (colon > name.lastIndexOf('/')) {
        tag = name.substring(colon + 1);
        name = name.substring(0, colon);
      } else {
        tag = "latest";
      }
    }
    String registry = null;
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
      }
    }
    return new ImageRef(registry, name, tag);
  }

  /** The host names of Docker Hub, where an image without a registry part comes from. */
  static final List<String> DOCKER_HUB =
      List.of("docker.io", "index.docker.io", "registry-1.docker.io");

  /** The registry host this image is pulled from; {@code docker.io} for Docker Hub. */
  String registryHost() {
    return registry != null ? registry : DOCKER_HUB.get(0);
  }

  /**
   * True when this image is pulled from {@code registry} (a host, optionally a URL; any of {@link
   * #DOCKER_HUB} for an image without a registry part).
   */
  boolean isFrom(String registryAddress) {
    if (registryAddress == null) {
      return false;
    }
    String host =
        registryAddress
            .replaceFirst("^[a-z]+://", "")
            .replaceAll("/.*$", "")
            .toLowerCase(Locale.ROOT);
    return registry == null ? DOCKER_HUB.contains(host) : host.equalsIgnoreCase(registry);
  }
}
