package dev.gantry.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link WorkflowCacheManager} keeps in memory between operations: the index as last read or
 * written, the journal offset it has applied, and recently served entries. Used only under the
 * directory lock. Before each operation {@link #current} compares the index file's identity (file
 * key, modification time, size) with the one it knows: when another process (or another manager)
 * rewrote it, the index is read again; otherwise only journal lines appended since are applied.
 */
final class WorkflowCacheMemory {
  /** Entries kept parsed in memory, least recently used dropped first. */
  static final int ENTRY_CAPACITY = 256;

  private record Stamp(Object fileKey, long modifiedNanos, long size) {
    static final Stamp ABSENT = new Stamp(null, -1, -1);

    static Stamp of(Path file) throws IOException {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(
            a.fileKey(),
            a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
            a.size());
      } catch (NoSuchFileException e) {
        return ABSENT;
      }
    }
  }

  private WorkflowCacheIndex index;
  private Stamp stamp;
  private long journalOffset;
  private final Set<String> touched = new HashSet<>();
  private final Map<String, WorkflowCacheEntry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkflowCacheEntry> eldest) {
          return size() > ENTRY_CAPACITY;
        }
      };

  /** The index of {@code dir} as it is now on disk, read again only when it changed. */
  WorkflowCacheIndex current(Path dir) throws IOException {
    Stamp now = Stamp.of(dir.resolve(WorkflowCacheIndex.FILE));
    if (index == null || !now.equals(stamp)) {
      index = WorkflowCacheIndex.read(dir);
      stamp = now;
      entries.clear();
      journalOffset = WorkflowCacheJournal.replay(dir, 0, index);
    } else if (WorkflowCacheJournal.length(dir) != journalOffset) {
      journalOffset = WorkflowCacheJournal.replay(dir, journalOffset, index);
    }
    return index;
  }

  /** Forgets everything: the next operation reads the files again (after a failed one). */
  void reset() {
    index = null;
    stamp = null;
    entries.clear();
    touched.clear();
  }

  /** After this manager appended {@code bytes} to the journal; returns the journal's length. */
  long journalAppended(int bytes) {
    journalOffset += bytes;
    return journalOffset;
  }

  /** After the index was written and the journal deleted. */
  void written(Path dir) throws IOException {
    stamp = Stamp.of(dir.resolve(WorkflowCacheIndex.FILE));
    journalOffset = 0;
  }

  void touched(String id) {
    touched.add(id);
  }

  Set<String> drainTouched() {
    Set<String> ids = Set.copyOf(touched);
    touched.clear();
    return ids;
  }

  WorkflowCacheEntry entry(String id) {
    return entries.get(id);
  }

  void remember(WorkflowCacheEntry entry) {
    entries.put(entry.key(), entry);
  }

  void forget(String id) {
    entries.remove(id);
    touched.remove(id);
  }
}
