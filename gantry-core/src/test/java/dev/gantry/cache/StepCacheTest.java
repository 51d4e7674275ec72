package dev.gantry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.FileArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepCacheTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final String KEY = "ab" + "0".repeat(62);

  @TempDir Path dir;

  private StepCacheEntry entry(List<ArtifactRef> outputs) {
    return new StepCacheEntry(
        KEY, "build", "sha256:img", 0, "out\n", "err\n", outputs, T0, "exec-1", "c-1");
  }

  @Test
  void entryIsAHitWithinItsTtlAndSurvivesANewInstance() throws Exception {
    FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    ArtifactRef ref = artifacts.put("/out", Files.writeString(dir.resolve("a.tar"), "bytes"));
    StepCache cache = new StepCache(dir.resolve("step-cache"), artifacts);
    cache.save(entry(List.of(ref)));

    StepCache reopened = new StepCache(dir.resolve("step-cache"), artifacts);
    assertThat(reopened.lookup(KEY, Duration.ofSeconds(60), T0.plusSeconds(59)))
        .contains(entry(List.of(ref)));
    assertThat(Files.exists(dir.resolve("step-cache/ab/" + KEY + ".json"))).isTrue();
  }

  @Test
  void expiredEntryIsAMissAndIsRemoved() {
    FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    StepCache cache = new StepCache(dir.resolve("step-cache"), artifacts);
    cache.save(entry(List.of()));

    assertThat(cache.lookup(KEY, Duration.ofSeconds(60), T0.plusSeconds(60))).isEmpty();
    assertThat(cache.lookup(KEY, Duration.ofDays(1), T0.plusSeconds(61))).isEmpty();
  }

  @Test
  void entryWhoseArtifactIsGoneIsAMiss() throws Exception {
    FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    ArtifactRef ref = artifacts.put("/out", Files.writeString(dir.resolve("a.tar"), "bytes"));
    StepCache cache = new StepCache(dir.resolve("step-cache"), artifacts);
    cache.save(entry(List.of(ref)));
    Files.delete(artifacts.locate(ref));

    assertThat(cache.lookup(KEY, Duration.ofSeconds(60), T0)).isEmpty();
    assertThat(cache.invalidate(KEY)).isFalse();
  }

  @Test
  void unreadableEntryIsAMiss() throws Exception {
    FileArtifactStore artifacts = new FileArtifactStore(dir.resolve("artifacts"));
    StepCache cache = new StepCache(dir.resolve("step-cache"), artifacts);
    Path file = dir.resolve("step-cache/ab/" + KEY + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{not json");

    assertThat(cache.lookup(KEY, Duration.ofSeconds(60), T0)).isEmpty();
    assertThat(file).doesNotExist();
  }
}
