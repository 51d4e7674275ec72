package dev.gantry.cache;

import dev.gantry.GantryException;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step cache entries as JSON files: {@code <directory>/<first two hex>/<key>.json}, each written to
 * a temporary file and renamed into place, so readers see a whole entry or none. An unreadable
 * entry is a miss (and is removed).
 */
public final class StepCacheFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StepCacheFiles.class);
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;

  public StepCacheFiles(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new GantryException(
          "cannot create the step cache directory " + directory + ": " + e, e);
    }
  }

  public Path directory() {
    return directory;
  }

  /** The entry stored under {@code key}, if there is a readable one. */
  public Optional<StepCacheEntry> find(String key) {
    Path file = file(key);
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the step cache entry " + file, e);
    }
    try {
      StepCacheEntry entry = Json.read(json, StepCacheEntry.class);
      return key.equals(entry.key()) ? Optional.of(entry) : Optional.empty();
    } catch (RuntimeException e) {
      LOG.warn("removing the unreadable step cache entry {}: {}", file, e.getMessage());
      remove(key);
      return Optional.empty();
    }
  }

  /** Stores {@code entry}, replacing an earlier one of its key. */
  public void put(StepCacheEntry entry) {
    Path file = file(entry.key());
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), entry.key(), ".part");
      try {
        Files.writeString(temp, Json.write(entry), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the step cache entry " + file, e);
    }
  }

  /** Removes the entry of {@code key}; true when there was one. */
  public boolean remove(String key) {
    try {
      return Files.deleteIfExists(file(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the step cache entry of " + key, e);
    }
  }

  private Path file(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a step cache key is 64 hex digits, got '" + key + "'");
    }
    return directory.resolve(key.substring(0, 2)).resolve(key + ".json");
  }
}
