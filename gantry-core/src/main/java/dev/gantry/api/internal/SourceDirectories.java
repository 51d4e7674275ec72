package dev.gantry.api.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.config.GantryConfig;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.TarWriter;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.ArtifactStore;
import dev.gantry.workflow.SourceArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code source_directory} workflow parameter: a host directory under the workflow directory or
 * {@code security.allowed_host_paths} whose files every step of the execution finds at {@value
 * #MOUNT}. It is copied (not bind-mounted) into the artifact store as a tar, so its digest enters
 * the step cache keys and a step cannot change the host's files. Symlinks are copied as links,
 * never followed; only directories, regular files and symlinks are taken.
 */
public final class SourceDirectories {
  /** Where the source directory's files appear in each step's container. */
  public static final String MOUNT = SourceArtifact.MOUNT;

  /** The parameter that names the directory. */
  public static final String PARAM = "source_directory";

  /** The parameter that carries the stored copy ({@code {path, digest, size}}). */
  public static final String ARTIFACT = SourceArtifact.PARAM;

  static final long MAX_BYTES = 512L * 1024 * 1024;

  private final GantryConfig config;
  private final ArtifactStore artifacts;

  public SourceDirectories(GantryConfig config, ArtifactStore artifacts) {
    this.config = config;
    this.artifacts = artifacts;
  }

  /**
   * The real path of {@code source} (relative: to the workflow directory) after the host path
   * policy; the workflow directory counts as allowed. Throws naming {@code field} otherwise.
   */
  public static Path resolve(GantryConfig config, String field, String source) {
    if (source == null || source.isBlank()) {
      throw new InvalidInputException(field, "expected a directory path, got nothing");
    }
    Path workflows = config.workflowDirectory().toAbsolutePath().normalize();
    List<String> allowed = new ArrayList<>(config.security().allowedHostPaths());
    allowed.add(workflows.toString());
    if (source.indexOf('\0') >= 0 || source.length() > 4096) {
      throw new InvalidInputException(field, "expected a directory path, got an invalid path");
    }
    String absolute = source.startsWith("/") ? source : workflows + "/" + source;
    Path real;
    try {
      real = new HostPathPolicy(allowed).check(field, absolute);
    } catch (InvalidPathException | UncheckedIOException e) {
      throw new InvalidInputException(
          field, "'" + source + "' is not a usable directory path: " + e.getMessage());
    }
    if (!Files.isDirectory(real)) {
      throw new InvalidInputException(
          field, "'" + source + "' is not a directory (resolved to " + real + ")");
    }
    return real;
  }

  /**
   * When {@code params} name a source directory: checks it, stores its copy and adds {@value
   * #ARTIFACT} to {@code params}.
   */
  public void attach(Map<String, Object> params) {
    Object source = params.get(PARAM);
    if (source == null) {
      params.remove(ARTIFACT);
      return;
    }
    String field = "workflow_params." + PARAM;
    if (!(source instanceof String text)) {
      throw new InvalidInputException(field, "expected a directory path (a string)");
    }
    ArtifactRef ref = snapshot(field, resolve(config, field, text));
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("path", ref.path());
    stored.put("digest", ref.digest());
    stored.put("size", ref.size());
    params.put(ARTIFACT, stored);
  }

  private ArtifactRef snapshot(String field, Path dir) {
    try {
      Path tar = Files.createTempFile("gantry-source-", ".tar");
      try (OutputStream out = Files.newOutputStream(tar);
          TarWriter writer = new TarWriter(out)) {
        writer.directory(MOUNT.substring(1), 0755);
        write(field, writer, dir, dir, new long[] {0});
        writer.finish();
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tar);
        throw e;
      }
      return artifacts.put(MOUNT, tar);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the source directory " + dir, e);
    }
  }

  private static void write(String field, TarWriter writer, Path root, Path dir, long[] bytes)
      throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String name = MOUNT.substring(1) + "/" + root.relativize(child).toString().replace('\\', '/');
      if (Files.isSymbolicLink(child)) {
        writer.symlink(name, Files.readSymbolicLink(child).toString());
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        writer.directory(name, 0755);
        write(field, writer, root, child, bytes);
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        long size = Files.size(child);
        bytes[0] += size;
        if (bytes[0] > MAX_BYTES) {
          throw new InvalidInputException(
              field,
              "the source directory " + root + " holds more than 512 MiB; give a smaller one");
        }
        int mode = Files.isExecutable(child) ? 0755 : 0644;
        try (InputStream in = Files.newInputStream(child, LinkOption.NOFOLLOW_LINKS)) {
          writer.file(name, mode, size, in);
        }
      }
    }
  }
}
