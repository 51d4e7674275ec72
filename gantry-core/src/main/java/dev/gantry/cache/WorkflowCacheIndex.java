package dev.gantry.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's index, {@code <dir>/index.json}: per entry its size and times, and the counters. It
 * is read and written whole under the directory lock; a missing or unreadable index is rebuilt from
 * the entry files (counters start again at zero).
 */
final class WorkflowCacheIndex {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowCacheIndex.class);
  static final String FILE = "index.json";
  static final String ENTRIES = "entries";

  /** One entry as the index knows it. */
  record Slot(
      String key,
      String taskId,
      String workflowType,
      long bytes,
      Instant createdAt,
      Instant expiresAt,
      Instant lastAccessAt) {
    Slot accessed(Instant at) {
      return new Slot(key, taskId, workflowType, bytes, createdAt, expiresAt, at);
    }

    boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }
  }

  /** The file's shape. */
  record Document(
      int format,
      Map<String, Slot> entries,
      long hits,
      long misses,
      long evictions,
      long expired) {}

  final Map<String, Slot> entries;
  long hits;
  long misses;
  long evictions;
  long expired;

  private WorkflowCacheIndex(Document d) {
    entries = new LinkedHashMap<>(d.entries() == null ? Map.of() : d.entries());
    hits = d.hits();
    misses = d.misses();
    evictions = d.evictions();
    expired = d.expired();
  }

  long bytes() {
    return entries.values().stream().mapToLong(Slot::bytes).sum();
  }

  /** The least recently used entry, or null. */
  Slot leastRecentlyUsed() {
    return entries.values().stream()
        .min(Comparator.comparing(Slot::lastAccessAt).thenComparing(Slot::createdAt))
        .orElse(null);
  }

  static Path entryFile(Path dir, String key) {
    return dir.resolve(ENTRIES).resolve(key + ".json");
  }

  /** The index of {@code dir}, rebuilt from the entry files when missing or unreadable. */
  static WorkflowCacheIndex read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      try {
        return new WorkflowCacheIndex(Json.JSON.readValue(file.toFile(), Document.class));
      } catch (JsonProcessingException e) {
        LOG.warn("workflow cache index {} is unreadable ({}); rebuilding it", file, e.getMessage());
      }
    }
    return rebuild(dir);
  }

  private static WorkflowCacheIndex rebuild(Path dir) throws IOException {
    WorkflowCacheIndex index = new WorkflowCacheIndex(new Document(1, Map.of(), 0, 0, 0, 0));
    Path entries = dir.resolve(ENTRIES);
    if (!Files.isDirectory(entries)) {
      return index;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(entries, "*.json")) {
      for (Path f : files) {
        try {
          WorkflowCacheEntry e = Json.JSON.readValue(f.toFile(), WorkflowCacheEntry.class);
          Instant touched = Files.getLastModifiedTime(f).toInstant();
          index.entries.put(
              e.key(),
              new Slot(
                  e.key(),
                  e.taskId(),
                  e.workflowType(),
                  Files.size(f),
                  e.createdAt(),
                  e.expiresAt(),
                  touched));
        } catch (IOException | RuntimeException e) {
          LOG.warn("removing unreadable workflow cache entry {}: {}", f, e.getMessage());
          Files.deleteIfExists(f);
        }
      }
    }
    return index;
  }

  void write(Path dir) throws IOException {
    Document d = new Document(1, entries, hits, misses, evictions, expired);
    writeAtomically(dir, dir.resolve(FILE), Json.JSON.writeValueAsBytes(d));
  }

  /** Writes {@code bytes} to a temporary file next to {@code target}, then renames it over it. */
  static void writeAtomically(Path dir, Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(dir, ".tmp-", ".json");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
