package dev.gantry.runtime;

import dev.gantry.InvalidInputException;
import dev.gantry.config.SecurityConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which host paths a container may mount. Pure apart from resolving symlinks on the local
 * file system.
 *
 * <p>A host path must be absolute and free of {@code ..} segments. It is resolved to its real path
 * (symlinks followed; for a path that does not exist yet, its deepest existing ancestor) and must
 * then lie under the real path of one of {@code security.allowed_host_paths} (default: none). The
 * file system root, {@code /proc}, {@code /sys}, {@code /etc} and the Docker socket (and any
 * directory holding it) are always refused, whatever the configuration says, both as written and
 * after resolution, so a symlink cannot smuggle them in.
 */
public final class HostPathPolicy {
  /** Directories refused together with everything under them. */
  static final List<Path> REFUSED_TREES =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/etc"));

  /** Docker sockets: refused, and so is every directory that contains one. */
  static final List<Path> DOCKER_SOCKETS =
      List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"));

  private final List<String> allowed;

  public HostPathPolicy(List<String> allowedHostPaths) {
    this.allowed = List.copyOf(allowedHostPaths);
  }

  public static HostPathPolicy of(SecurityConfig security) {
    return new HostPathPolicy(security.allowedHostPaths());
  }

  /** True when {@code source} names a host path rather than a named volume. */
  public static boolean isHostPath(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
  }

  /**
   * Checks one host path.
   *
   * @param field where the path came from, e.g. {@code volumes[0].source}
   * @return the resolved real path to mount
   * @throws InvalidInputException the path is refused, with why and, where it helps, how to allow
   *     it
   */
  public Path check(String field, String source) {
    if (source == null || source.isBlank()) {
      throw new InvalidInputException(field, "a host path is required");
    }
    if (!source.startsWith("/")) {
      throw new InvalidInputException(
          field, "host path '" + source + "' must be absolute (start with '/')");
    }
    Path written = Path.of(source);
    for (Path part : written) {
      if (part.toString().equals("..")) {
        throw new InvalidInputException(
            field, "host path '" + source + "' must not contain '..' segments");
      }
    }
    written = written.normalize();
    refuseAlwaysForbidden(field, source, written);
    Path real = realPath(written);
    if (real == null) {
      throw new InvalidInputException(
          field, "host path '" + source + "' goes through a symlink that points nowhere");
    }
    refuseAlwaysForbidden(field, source, real);
    for (String root : allowed) {
      Path allowedRoot = realPath(Path.of(root).toAbsolutePath().normalize());
      if (allowedRoot != null && real.startsWith(allowedRoot)) {
        return real;
      }
    }
    String resolved = real.equals(written) ? "" : " (resolves to '" + real + "')";
    throw new InvalidInputException(
        field,
        "host path '"
            + source
            + "'"
            + resolved
            + " is not allowed: host paths are refused unless they lie under one of"
            + " security.allowed_host_paths (now "
            + (allowed.isEmpty() ? "none" : allowed)
            + "). To allow it, add it to the configuration file, e.g. 'security:"
            + " {allowed_host_paths: [\""
            + source
            + "\"]}', or use a named volume instead");
  }

  private static void refuseAlwaysForbidden(String field, String source, Path path) {
    String why = null;
    for (Path socket : DOCKER_SOCKETS) {
      if (socket.startsWith(path)) {
        why = "the Docker socket " + socket;
      }
    }
    if (why == null
        && (isDockerSocket(path) || path.getFileName().toString().equals("docker.sock"))) {
      why = "the Docker socket";
    }
    for (Path tree : REFUSED_TREES) {
      if (path.startsWith(tree)) {
        why = tree + " (a system directory)";
      }
    }
    if (path.getParent() == null) {
      why = "the file system root";
    }
    if (why != null) {
      String shown = path.toString().equals(source) ? "" : " (resolves to '" + path + "')";
      throw new InvalidInputException(
          field,
          "host path '"
              + source
              + "'"
              + shown
              + " is never allowed: it exposes "
              + why
              + "; this cannot be changed by configuration");
    }
  }

  private static boolean isDockerSocket(Path path) {
    for (Path socket : DOCKER_SOCKETS) {
      try {
        if (Files.exists(socket) && Files.exists(path) && Files.isSameFile(socket, path)) {
          return true;
        }
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  /**
   * The real path of {@code path}, or of its deepest existing ancestor plus the rest; null when a
   * dangling symlink is on the way.
   */
  static Path realPath(Path path) {
    Path existing = path;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      if (Files.isSymbolicLink(existing)) {
        return null;
      }
      rest.addFirst(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      Path real = existing.toRealPath();
      for (Path part : rest) {
        real = real.resolve(part);
      }
      return real;
    } catch (IOException e) {
      throw new UncheckedIOException("resolving host path " + path, e);
    }
  }
}
