package dev.gantry.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Artifacts: tar files whose entry names are relative to {@code /} (e.g. {@code
 * work/out/result.txt}), written by {@link TarWriter} so that the same content always has the same
 * digest. Parent directories of a declared output are not in the archive (extraction creates
 * missing ones), so extracting an artifact never changes the owner or mode of e.g. {@code /work}.
 */
public final class Archives {
  private Archives() {}

  /** One entry of an archive. */
  public record Entry(String name, Type type, int mode, long size, String linkName) {}

  /** Entry types Gantry distinguishes. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    OTHER
  }

  /**
   * The directory whose children Docker's {@code GET /containers/{id}/archive?path=...} names its
   * entries relative to: {@code /work/out} → {@code /work}, {@code /out} → {@code /}.
   */
  public static String parentOf(String absolutePath) {
    String path = stripTrailingSlashes(absolutePath);
    if (!path.startsWith("/") || path.length() < 2) {
      throw new IllegalArgumentException(
          "expected an absolute path below '/', got '" + absolutePath + "'");
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /**
   * Copies a tar whose entries are relative to {@code parentDir} (as Docker returns the archive of
   * a path: {@code out/result.txt} for {@code /work/out} with parent {@code /work}) into a
   * normalised tar whose entries are relative to {@code /} ({@code work/out/result.txt}).
   */
  public static void reroot(InputStream tar, String parentDir, OutputStream out)
      throws IOException {
    String prefix = stripTrailingSlashes(parentDir);
    if (!prefix.isEmpty() && !prefix.startsWith("/")) {
      throw new IllegalArgumentException("expected an absolute directory, got '" + parentDir + "'");
    }
    String base = prefix.isEmpty() ? "" : prefix.substring(1) + "/";
    copy(tar, base, out);
  }

  /** {@link #reroot} into a new temporary file, which the caller owns. */
  public static Path rerootToTempFile(InputStream tar, String parentDir) throws IOException {
    Path file = Files.createTempFile("gantry-artifact-", ".tar");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      reroot(tar, parentDir, out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return file;
  }

  /**
   * Copies a tar whose entries are already relative to {@code /} (a leading {@code /} or {@code ./}
   * is dropped) into its normalised form.
   */
  public static void normalise(InputStream tar, OutputStream out) throws IOException {
    copy(tar, "", out);
  }

  private static void copy(InputStream in, String base, OutputStream out) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in));
    TarWriter writer = new TarWriter(out);
    TarArchiveEntry e;
    while ((e = tar.getNextEntry()) != null) {
      String name = base + relativeName(e.getName());
      if (e.isDirectory()) {
        writer.directory(name, e.getMode());
      } else if (e.isSymbolicLink()) {
        writer.symlink(name, e.getLinkName());
      } else if (e.isLink()) {
        writer.hardlink(name, e.getMode(), base + relativeName(e.getLinkName()));
      } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
        writer.special(name, typeFlag(e), e.getMode(), e.getDevMajor(), e.getDevMinor());
      } else {
        writer.file(name, e.getMode(), e.getSize(), tar);
      }
    }
    writer.finish();
    out.flush();
  }

  private static byte typeFlag(TarArchiveEntry e) {
    if (e.isCharacterDevice()) {
      return TarConstants.LF_CHR;
    }
    return e.isBlockDevice() ? TarConstants.LF_BLK : TarConstants.LF_FIFO;
  }

  /** {@code ./a/b}, {@code /a/b} → {@code a/b}; rejects names with {@code ..}. */
  static String relativeName(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.startsWith("./") ? n.substring(2) : n.substring(1);
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException(
            "tar entry '" + name + "' points outside the archive root ('..')");
      }
    }
    if (n.isEmpty() || n.equals(".")) {
      throw new IllegalArgumentException("tar entry '" + name + "' has no name below the root");
    }
    return n;
  }

  /** {@code sha256:<hex>} of the archive's bytes. */
  public static String digest(Path archive) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(archive), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /** The entries of an archive, in order. */
  public static List<Entry> list(Path archive) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = open(archive)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        entries.add(
            new Entry(e.getName(), type(e), e.getMode() & 07777, e.getSize(), e.getLinkName()));
      }
    }
    return entries;
  }

  /**
   * The content of the regular file at {@code absolutePath} in the archive (e.g. {@code
   * /work/out/result.json}), if it holds one.
   *
   * @throws IOException the file is larger than {@code maxBytes}
   */
  public static Optional<byte[]> readFile(Path archive, String absolutePath, long maxBytes)
      throws IOException {
    String wanted = relativeName(absolutePath);
    try (TarArchiveInputStream tar = open(archive)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (type(e) == Type.FILE && relativeName(e.getName()).equals(wanted)) {
          if (e.getSize() > maxBytes) {
            throw new IOException(
                absolutePath
                    + " is "
                    + e.getSize()
                    + " bytes, more than the "
                    + maxBytes
                    + " bytes allowed");
          }
          ByteArrayOutputStream content = new ByteArrayOutputStream((int) e.getSize());
          tar.transferTo(content);
          return Optional.of(content.toByteArray());
        }
      }
    }
    return Optional.empty();
  }

  private static TarArchiveInputStream open(Path archive) throws IOException {
    return new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(archive)));
  }

  private static Type type(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return Type.DIRECTORY;
    }
    if (e.isSymbolicLink()) {
      return Type.SYMLINK;
    }
    if (e.isLink()) {
      return Type.HARDLINK;
    }
    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
      return Type.OTHER;
    }
    return Type.FILE;
  }

  private static String stripTrailingSlashes(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals("/") ? "" : p;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
