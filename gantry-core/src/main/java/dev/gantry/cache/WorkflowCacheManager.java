package dev.gantry.cache;

import dev.gantry.GantryException;
import dev.gantry.cache.WorkflowCacheIndex.Slot;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's WorkflowCacheManager: successful workflow results by {@link WorkflowCacheKey}, kept as
 * files so that they survive a restart.
 *
 * <p>Layout of the cache directory: {@code entries/<key id>.json} (one {@link WorkflowCacheEntry}
 * per file, written to a temporary file and renamed), {@code index.json} (size, creation, expiry
 * and last access of each entry, and the counters; also renamed into place), {@code access.log}
 * (the hits and misses since the index was last written, see {@link WorkflowCacheJournal}) and
 * {@code .lock}. Every operation holds the directory lock (threads and processes). The index is
 * kept in memory ({@link WorkflowCacheMemory}) and read again only when another process changed it;
 * entries are written through, a hit only appends a journal line. Expired entries are removed when
 * read and by {@link #prune()}; after each write, least recently used entries are evicted until the
 * total size is within {@code maxBytes}. A TTL of zero caches nothing.
 */
public final class WorkflowCacheManager {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowCacheManager.class);

  private final Path directory;
  private final boolean enabled;
  private final Duration ttl;
  private final long maxBytes;
  private final Clock clock;
  private final WorkflowCacheMemory state = new WorkflowCacheMemory();

  /** Journal bytes after which a hit folds the journal into the index file. */
  static final long JOURNAL_LIMIT = 256 * 1024;

  /**
   * @param enabled {@code workflow_defaults.caching_enabled}, reported by {@link #stats()}; the
   *     caller decides whether to use the cache
   */
  public WorkflowCacheManager(
      Path directory, boolean enabled, Duration ttl, long maxBytes, Clock clock) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.directory = directory.toAbsolutePath().normalize();
    this.enabled = enabled;
    this.ttl = ttl;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /**
   * The cache of {@code workflow_defaults}: {@code cache_directory} (a relative one, from the
   * built-in defaults without a config file, is under the data directory), {@code caching_enabled},
   * {@code cache_ttl_seconds} and {@code cache_max_bytes}.
   */
  public static WorkflowCacheManager of(GantryConfig config, Clock clock) {
    WorkflowDefaults d = config.workflowDefaults();
    Path dir = Path.of(d.cacheDirectory());
    return new WorkflowCacheManager(
        dir.isAbsolute() ? dir : config.dataDirectory().resolve(dir),
        d.cachingEnabled(),
        Duration.ofSeconds(d.cacheTtlSeconds()),
        d.cacheMaxBytes(),
        clock);
  }

  public Path directory() {
    return directory;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The valid entry of {@code key}, counted as a hit, else empty (a miss). A hit or a miss appends
   * one line to the access journal; the index file is rewritten only when an entry changes or the
   * journal has grown past {@link #JOURNAL_LIMIT}.
   */
  public Optional<WorkflowCacheEntry> get(WorkflowCacheKey key) {
    String id = key.id();
    return locked(
        false,
        index -> {
          Instant now = clock.instant();
          Slot slot = index.entries.get(id);
          if (slot != null && slot.expiredAt(now)) {
            remove(index, id);
            index.expired++;
            index.misses++;
            persist(index);
            return Optional.empty();
          }
          WorkflowCacheEntry entry = slot == null ? null : cachedEntry(index, id);
          if (entry == null) {
            index.misses++;
            if (slot != null) { // the entry's file was lost: the index changed
              persist(index);
            } else {
              state.journalAppended(WorkflowCacheJournal.appendMiss(directory));
            }
            return Optional.empty();
          }
          index.entries.put(id, slot.accessed(now));
          index.hits++;
          state.touched(id);
          if (state.journalAppended(WorkflowCacheJournal.appendHit(directory, id, now))
              > JOURNAL_LIMIT) {
            persist(index);
          }
          return Optional.of(entry);
        },
        Optional.empty());
  }

  /**
   * Stores the successful result of {@code executionId} under {@code key}, replacing an older one,
   * then evicts least recently used entries beyond {@code maxBytes}.
   *
   * @return the stored entry, or empty when the TTL is zero or the entry alone exceeds maxBytes
   */
  public Optional<WorkflowCacheEntry> put(
      WorkflowCacheKey key,
      String workflowId,
      String executionId,
      String status,
      Map<String, Object> result) {
    if (ttl.isZero() || ttl.isNegative()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    WorkflowCacheEntry entry =
        new WorkflowCacheEntry(
            key.id(),
            key.taskId(),
            key.workflowType(),
            workflowId,
            executionId,
            status,
            result,
            now,
            now.plus(ttl));
    byte[] bytes = json(entry);
    if (bytes.length > maxBytes) {
      LOG.warn(
          "result of execution {} ({} bytes) is larger than the whole workflow cache"
              + " (cache_max_bytes={}); not cached",
          executionId,
          bytes.length,
          maxBytes);
      return Optional.empty();
    }
    return locked(
        false,
        index -> {
          Path file = WorkflowCacheIndex.entryFile(directory, entry.key());
          Files.createDirectories(file.getParent());
          WorkflowCacheIndex.writeAtomically(directory, file, bytes);
          Files.setLastModifiedTime(file, FileTime.from(now));
          index.entries.put(
              entry.key(),
              new Slot(
                  entry.key(),
                  entry.taskId(),
                  entry.workflowType(),
                  bytes.length,
                  now,
                  entry.expiresAt(),
                  now));
          state.remember(entry);
          evict(index);
          persist(index);
          return Optional.of(entry);
        },
        Optional.empty());
  }

  /** Removes the entry of {@code key}, if any (its result can no longer be served). */
  public void invalidate(WorkflowCacheKey key) {
    locked(
        true,
        index -> {
          remove(index, key.id());
          persist(index);
          return null;
        },
        null);
  }

  /**
   * Removes expired entries, entry files the index does not know and index entries without a file.
   *
   * @return how many expired entries were removed
   */
  public int prune() {
    return locked(
        true,
        index -> {
          Instant now = clock.instant();
          int removed = 0;
          for (Slot slot : new ArrayList<>(index.entries.values())) {
            if (slot.expiredAt(now)) {
              remove(index, slot.key());
              removed++;
            } else if (!Files.isRegularFile(WorkflowCacheIndex.entryFile(directory, slot.key()))) {
              index.entries.remove(slot.key());
            }
          }
          index.expired += removed;
          removeUnindexedFiles(index);
          persist(index);
          LOG.info("workflow cache {}: pruned {} expired entries", directory, removed);
          return removed;
        },
        0);
  }

  /**
   * Removes every entry and resets the counters.
   *
   * @return how many entries were removed
   */
  public int clear() {
    return locked(
        true,
        index -> {
          int removed = index.entries.size();
          for (String key : new ArrayList<>(index.entries.keySet())) {
            remove(index, key);
          }
          removeUnindexedFiles(index);
          index.hits = 0;
          index.misses = 0;
          index.evictions = 0;
          index.expired = 0;
          persist(index);
          LOG.info("workflow cache {}: cleared {} entries", directory, removed);
          return removed;
        },
        0);
  }

  /** Size and counters; an absent directory is an empty cache. */
  public WorkflowCacheStats stats() {
    return locked(
        true,
        index ->
            new WorkflowCacheStats(
                directory,
                enabled,
                index.entries.size(),
                index.bytes(),
                maxBytes,
                ttl.toSeconds(),
                index.hits,
                index.misses,
                index.evictions,
                index.expired),
        new WorkflowCacheStats(directory, enabled, 0, 0, maxBytes, ttl.toSeconds(), 0, 0, 0, 0));
  }

  private void evict(WorkflowCacheIndex index) throws IOException {
    while (index.bytes() > maxBytes) {
      Slot victim = index.leastRecentlyUsed();
      remove(index, victim.key());
      index.evictions++;
      LOG.debug("workflow cache: evicted {} (last used {})", victim.key(), victim.lastAccessAt());
    }
  }

  /** The entry of {@code id} from memory, else from its file. */
  private WorkflowCacheEntry cachedEntry(WorkflowCacheIndex index, String id) throws IOException {
    WorkflowCacheEntry known = state.entry(id);
    if (known != null) {
      return known;
    }
    WorkflowCacheEntry read = readEntry(index, id);
    if (read != null) {
      state.remember(read);
    }
    return read;
  }

  private WorkflowCacheEntry readEntry(WorkflowCacheIndex index, String id) throws IOException {
    Path file = WorkflowCacheIndex.entryFile(directory, id);
    try {
      return Json.JSON.readValue(file.toFile(), WorkflowCacheEntry.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      index.entries.remove(id);
      return null;
    } catch (IOException e) {
      LOG.warn("workflow cache entry {} is unreadable ({}); removing it", file, e.getMessage());
      remove(index, id);
      return null;
    }
  }

  private void remove(WorkflowCacheIndex index, String id) throws IOException {
    index.entries.remove(id);
    state.forget(id);
    Files.deleteIfExists(WorkflowCacheIndex.entryFile(directory, id));
  }

  /**
   * Writes the index (with the journal's counters and access times folded in), deletes the journal,
   * and sets the entry files' times to their last access (for an index rebuilt from the files).
   */
  private void persist(WorkflowCacheIndex index) throws IOException {
    index.write(directory);
    WorkflowCacheJournal.delete(directory);
    for (String id : state.drainTouched()) {
      Slot slot = index.entries.get(id);
      Path file = WorkflowCacheIndex.entryFile(directory, id);
      if (slot != null && Files.isRegularFile(file)) {
        Files.setLastModifiedTime(file, FileTime.from(slot.lastAccessAt()));
      }
    }
    state.written(directory);
  }

  private void removeUnindexedFiles(WorkflowCacheIndex index) throws IOException {
    Path entries = directory.resolve(WorkflowCacheIndex.ENTRIES);
    if (!Files.isDirectory(entries)) {
      return;
    }
    Set<String> known = new HashSet<>(index.entries.keySet());
    List<Path> stray = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(entries)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".json") || !known.contains(name.substring(0, name.length() - 5))) {
          stray.add(f);
        }
      }
    }
    for (Path f : stray) {
      Files.deleteIfExists(f);
    }
  }

  private interface IndexWork<T> {
    T run(WorkflowCacheIndex index) throws IOException;
  }

  /**
   * Runs {@code work} on the index under the directory lock. When {@code ifExists} and the
   * directory does not exist, returns {@code absent} without creating it.
   */
  private <T> T locked(boolean ifExists, IndexWork<T> work, T absent) {
    try {
      if (!Files.isDirectory(directory)) {
        if (ifExists) {
          return absent;
        }
        // Only when missing: on an existing directory it throws and catches two exceptions.
        Files.createDirectories(directory);
      }
      return WorkflowCacheLock.holding(
          directory,
          () -> {
            try {
              return work.run(state.current(directory));
            } catch (IOException | RuntimeException e) {
              state.reset(); // memory may be ahead of the files
              throw e;
            }
          });
    } catch (IOException e) {
      throw new GantryException(
          "workflow cache "
              + directory
              + " (workflow_defaults.cache_directory) cannot be used: "
              + e.getMessage(),
          e);
    }
  }

  private static byte[] json(WorkflowCacheEntry entry) {
    try {
      return Json.JSON.writeValueAsBytes(entry);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
