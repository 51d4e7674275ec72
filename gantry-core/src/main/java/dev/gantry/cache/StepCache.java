package dev.gantry.cache;

import dev.gantry.NotFoundException;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.ArtifactStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step cache: successful step runs by {@link StepCacheKey}, kept as files next to the artifact
 * store whose artifacts they refer to ({@code docs/caching.md}). An entry is a hit while it is
 * younger than the TTL of the step that looks it up and every artifact it refers to is still
 * stored; otherwise it is removed and the step runs.
 */
public final class StepCache {
  private static final Logger LOG = LoggerFactory.getLogger(StepCache.class);

  private final StepCacheFiles files;
  private final ArtifactStore artifacts;
  private final SingleFlight flights = new SingleFlight();

  public StepCache(Path directory, ArtifactStore artifacts) {
    this.files = new StepCacheFiles(directory);
    this.artifacts = artifacts;
  }

  /** The entry of {@code key} when it is a hit at {@code now} for a step with {@code ttl}. */
  public Optional<StepCacheEntry> lookup(String key, Duration ttl, Instant now) {
    Optional<StepCacheEntry> found = files.find(key);
    if (found.isEmpty()) {
      return found;
    }
    StepCacheEntry entry = found.get();
    if (!now.isBefore(entry.createdAt().plus(ttl))) {
      LOG.debug("step cache entry {} expired (created {}, ttl {})", key, entry.createdAt(), ttl);
      files.remove(key);
      return Optional.empty();
    }
    for (ArtifactRef ref : entry.outputs()) {
      try {
        artifacts.locate(ref);
      } catch (NotFoundException e) {
        LOG.info(
            "step cache entry {} refers to artifact {} ({}) that is gone; the step runs again",
            key,
            ref.digest(),
            ref.path());
        files.remove(key);
        return Optional.empty();
      }
    }
    return found;
  }

  /** Stores the entry of a successful step run, replacing an older one of its key. */
  public void save(StepCacheEntry entry) {
    files.put(entry);
  }

  /** Removes the entry of {@code key}; true when there was one. */
  public boolean invalidate(String key) {
    return files.remove(key);
  }

  /** Who runs each key now (single-flight of identical steps). */
  public SingleFlight flights() {
    return flights;
  }
}
