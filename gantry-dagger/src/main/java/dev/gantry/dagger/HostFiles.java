package dev.gantry.dagger;

import dev.gantry.runtime.TarWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Moves artifacts between Gantry's tar files and host directories, which is how the Dagger engine
 * takes files in ({@code host.directory}) and gives them back ({@code export}). Entry names are
 * relative to {@code /}; output archives are written with {@link TarWriter} in sorted order, so the
 * same files give the same digest.
 */
final class HostFiles {
  private HostFiles() {}

  /**
   * Extracts a normalised artifact (entries relative to {@code /}) into {@code root}. Names with
   * {@code ..} are refused; devices and fifos are skipped (the engine cannot take them from the
   * host); hard links become copies.
   */
  static void extract(Path archive, Path root) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      Map<Path, Integer> directoryModes = new LinkedHashMap<>();
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path target = inside(root, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
          directoryModes.put(target, e.getMode());
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Files.createDirectories(target.getParent());
          Files.copy(inside(root, e.getLinkName()), target, LinkOption.NOFOLLOW_LINKS);
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            tar.transferTo(out);
          }
          chmod(target, e.getMode());
        }
      }
      // modes of directories last: a read-only directory must not stop its own extraction
      List<Path> directories = new ArrayList<>(directoryModes.keySet());
      Collections.reverse(directories);
      for (Path directory : directories) {
        chmod(directory, directoryModes.get(directory));
      }
    }
  }

  private static Path inside(Path root, String name) throws IOException {
    String relative = name.replaceAll("^(\\./|/)+", "");
    Path target = root.resolve(relative).normalize();
    if (relative.isEmpty() || !target.startsWith(root) || target.equals(root)) {
      throw new IOException("tar entry '" + name + "' points outside the archive root");
    }
    return target;
  }

  /**
   * Writes the file, link or directory tree at {@code root/relative} into a new temporary tar whose
   * entries are named {@code relative/…} (relative to the container's {@code /}), as Docker's
   * outputs are.
   */
  static Path archive(Path root, String relative) throws IOException {
    Path file = Files.createTempFile("gantry-artifact-", ".tar");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        TarWriter writer = new TarWriter(out)) {
      Path top = root.resolve(relative);
      List<Path> paths;
      if (Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> walk = Files.walk(top)) {
          paths = walk.sorted(Comparator.comparing(p -> name(root, p))).toList();
        }
      } else {
        paths = List.of(top);
      }
      for (Path path : paths) {
        write(writer, root, path);
      }
      writer.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  private static void write(TarWriter writer, Path root, Path path) throws IOException {
    String name = name(root, path);
    if (Files.isSymbolicLink(path)) {
      writer.symlink(name, Files.readSymbolicLink(path).toString());
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      writer.directory(name, mode(path));
    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      try (InputStream in = Files.newInputStream(path)) {
        writer.file(name, mode(path), Files.size(path), in);
      }
    }
  }

  private static String name(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static int mode(Path path) throws IOException {
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  private static void chmod(Path path, int mode) throws IOException {
    StringBuilder bits = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      bits.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(bits.toString()));
  }

  /** Deletes a directory tree, best effort (temporary files of one step). */
  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            p.toFile().setWritable(true);
          }
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a leftover temp file is logged by the caller's sweep
        }
      }
    } catch (IOException e) {
      // best effort
    }
  }
}
