package dev.gantry.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a tar whose headers are normalised for reproducible digests: modification time 0, uid and
 * gid 0, no user or group names, permission bits (including setuid, setgid, sticky) kept, entries
 * in the order written. Long names use PAX headers. The same entries give the same bytes.
 */
public final class TarWriter implements AutoCloseable {
  private final TarArchiveOutputStream tar;

  public TarWriter(OutputStream out) {
    tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /** A directory entry; {@code name} gets a trailing {@code /}. */
  public TarWriter directory(String name, int mode) throws IOException {
    String dirName = name.endsWith("/") ? name : name + "/";
    tar.putArchiveEntry(entry(dirName, TarConstants.LF_DIR, mode, 0));
    tar.closeArchiveEntry();
    return this;
  }

  /** A regular file with the given content. */
  public TarWriter file(String name, int mode, byte[] content) throws IOException {
    tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, mode, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
    return this;
  }

  /** A regular file of {@code size} bytes read from {@code content}. */
  public TarWriter file(String name, int mode, long size, InputStream content) throws IOException {
    tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, mode, size));
    long copied = content.transferTo(tar);
    if (copied != size) {
      throw new IOException(
          "tar entry " + name + ": expected " + size + " bytes of content, got " + copied);
    }
    tar.closeArchiveEntry();
    return this;
  }

  /** A symbolic link to {@code target} (kept as it is, absolute or relative). */
  public TarWriter symlink(String name, String target) throws IOException {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 0);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
    return this;
  }

  /** A hard link to the earlier entry {@code target} of this archive. */
  public TarWriter hardlink(String name, int mode, String target) throws IOException {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK, mode, 0);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
    return this;
  }

  /** Any other entry type (fifo, device) with its device numbers. */
  public TarWriter special(String name, byte type, int mode, int devMajor, int devMinor)
      throws IOException {
    TarArchiveEntry e = entry(name, type, mode, 0);
    e.setDevMajor(devMajor);
    e.setDevMinor(devMinor);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
    return this;
  }

  private static TarArchiveEntry entry(String name, byte type, int mode, long size) {
    Objects.requireNonNull(name, "name");
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setMode(mode & 07777);
    e.setModTime(0L);
    e.setIds(0, 0);
    e.setNames("", "");
    e.setSize(size);
    return e;
  }

  /** Writes the end-of-archive blocks without closing the underlying stream. */
  public void finish() throws IOException {
    tar.finish();
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
