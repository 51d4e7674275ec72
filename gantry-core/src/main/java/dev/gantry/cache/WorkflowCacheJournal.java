package dev.gantry.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The cache's access journal, {@code <dir>/access.log}: one line per hit ({@code hit <key>
 * <instant>}) or miss ({@code miss}), appended under the directory lock instead of rewriting the
 * whole index on every read. The index folds it in and deletes it on its next write. A torn last
 * line (a crash while appending) is cut off; losing the journal loses only counters and access
 * times, never entries.
 */
final class WorkflowCacheJournal {
  static final String FILE = "access.log";

  private WorkflowCacheJournal() {}

  static Path file(Path dir) {
    return dir.resolve(FILE);
  }

  /** The journal's length in bytes, 0 when it does not exist. */
  static long length(Path dir) throws IOException {
    try {
      return Files.size(file(dir));
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** Appends a hit; returns the bytes written. */
  static int appendHit(Path dir, String key, Instant at) throws IOException {
    return append(dir, "hit " + key + " " + at + "\n");
  }

  /** Appends a miss; returns the bytes written. */
  static int appendMiss(Path dir) throws IOException {
    return append(dir, "miss\n");
  }

  private static int append(Path dir, String line) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file(dir),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      return bytes.capacity();
    }
  }

  /**
   * Applies the journal's complete lines from byte {@code from} to {@code index}.
   *
   * @return the byte offset after the last complete line
   */
  static long replay(Path dir, long from, WorkflowCacheIndex index) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file(dir));
    } catch (NoSuchFileException e) {
      return 0;
    }
    int start = (int) Math.min(from, all.length);
    int end = start;
    for (int i = start; i < all.length; i++) {
      if (all[i] == '\n') {
        apply(new String(all, end, i - end, StandardCharsets.US_ASCII), index);
        end = i + 1;
      }
    }
    if (end < all.length) { // a writer died mid-line; appends happen only under the lock
      try (FileChannel channel = FileChannel.open(file(dir), StandardOpenOption.WRITE)) {
        channel.truncate(end);
      }
    }
    return end;
  }

  private static void apply(String line, WorkflowCacheIndex index) {
    if (line.equals("miss")) {
      index.misses++;
      return;
    }
    String[] parts = line.split(" ");
    if (parts.length != 3 || !parts[0].equals("hit")) {
      return; // torn or foreign line
    }
    index.hits++;
    WorkflowCacheIndex.Slot slot = index.entries.get(parts[1]);
    if (slot == null) {
      return;
    }
    try {
      Instant at = Instant.parse(parts[2]);
      if (at.isAfter(slot.lastAccessAt())) {
        index.entries.put(parts[1], slot.accessed(at));
      }
    } catch (DateTimeParseException e) {
      // a torn line: the counter is all it carried
    }
  }

  static void delete(Path dir) throws IOException {
    Files.deleteIfExists(file(dir));
  }
}
