package dev.gantry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow cache on disk, with a manual clock. */
class WorkflowCacheManagerTest {
  private static final Duration TTL = Duration.ofHours(1);
  private static final long BIG = 64L * 1024 * 1024;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private WorkflowCacheManager manager(long maxBytes) {
    return new WorkflowCacheManager(dir, true, TTL, maxBytes, clock);
  }

  private static WorkflowCacheKey key(String task) {
    return WorkflowCacheKey.of(
        task, "containerized_workflow", Map.of("param1", "value1"), Map.of("steps", List.of()));
  }

  private static WorkflowCacheEntry put(WorkflowCacheManager m, String task) {
    return m.put(key(task), "workflow-1", "execution-" + task, "completed", result(task))
        .orElseThrow();
  }

  private static Map<String, Object> result(String output) {
    return Map.of("success", true, "result", Map.of("output", output, "exit_code", 0));
  }

  @Test
  void aStoredResultIsReturnedAndCounted() {
    WorkflowCacheManager m = manager(BIG);
    assertThat(m.get(key("t1"))).isEmpty();
    put(m, "t1");

    WorkflowCacheEntry hit = m.get(key("t1")).orElseThrow();

    assertThat(hit.executionId()).isEqualTo("execution-t1");
    assertThat(hit.result()).isEqualTo(result("t1"));
    assertThat(hit.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    WorkflowCacheStats stats = m.stats();
    assertThat(stats.entries()).isEqualTo(1);
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.bytes())
        .isEqualTo(fileSize(WorkflowCacheIndex.entryFile(dir, key("t1").id())));
  }

  @Test
  void anEntryExpiresAfterItsTtlAndIsRemovedWhenRead() {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    clock.advance(TTL.minusSeconds(1));
    assertThat(m.get(key("t1"))).isPresent();

    clock.advance(Duration.ofSeconds(1));

    assertThat(m.get(key("t1"))).isEmpty();
    assertThat(WorkflowCacheIndex.entryFile(dir, key("t1").id())).doesNotExist();
    assertThat(m.stats().expired()).isEqualTo(1);
    assertThat(m.stats().entries()).isZero();
  }

  @Test
  void pruneRemovesOnlyExpiredEntries() {
    WorkflowCacheManager m = manager(BIG);
    put(m, "old1");
    put(m, "old2");
    clock.advance(Duration.ofMinutes(30));
    put(m, "new");
    clock.advance(Duration.ofMinutes(30));

    assertThat(m.prune()).isEqualTo(2);

    assertThat(m.get(key("new"))).isPresent();
    assertThat(m.stats().entries()).isEqualTo(1);
    assertThat(m.stats().expired()).isEqualTo(2);
    assertThat(entryFiles()).hasSize(1);
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedBeyondTheSizeBound() {
    long one = put(manager(BIG), "probe") == null ? 0 : manager(BIG).stats().bytes();
    manager(BIG).clear();
    // room for three entries of this size, not four
    WorkflowCacheManager m = manager(one * 3 + one / 2);
    put(m, "ta");
    clock.advance(Duration.ofSeconds(1));
    put(m, "tb");
    clock.advance(Duration.ofSeconds(1));
    put(m, "tc");
    clock.advance(Duration.ofSeconds(1));
    assertThat(m.get(key("ta"))).isPresent(); // ta is now more recent than tb
    clock.advance(Duration.ofSeconds(1));

    put(m, "td");

    assertThat(m.get(key("tb"))).isEmpty();
    assertThat(m.get(key("ta"))).isPresent();
    assertThat(m.get(key("tc"))).isPresent();
    assertThat(m.get(key("td"))).isPresent();
    WorkflowCacheStats stats = m.stats();
    assertThat(stats.evictions()).isEqualTo(1);
    assertThat(stats.bytes()).isLessThanOrEqualTo(stats.maxBytes());
    assertThat(entryFiles()).hasSize(3);
  }

  @Test
  void entriesAndCountersSurviveARestart() {
    WorkflowCacheManager first = manager(BIG);
    put(first, "t1");
    first.get(key("t1"));

    WorkflowCacheManager second = manager(BIG);

    assertThat(second.get(key("t1")).orElseThrow().executionId()).isEqualTo("execution-t1");
    assertThat(second.stats().hits()).isEqualTo(2);
    assertThat(second.stats().entries()).isEqualTo(1);
  }

  @Test
  void aLostOrDamagedIndexIsRebuiltFromTheEntryFiles() throws IOException {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    put(m, "t2");
    Files.writeString(dir.resolve("index.json"), "{not json");

    assertThat(manager(BIG).get(key("t2"))).isPresent();
    assertThat(manager(BIG).stats().entries()).isEqualTo(2);

    Files.delete(dir.resolve("index.json"));
    assertThat(manager(BIG).stats().entries()).isEqualTo(2);
  }

  @Test
  void clearRemovesEverythingAndResetsTheCounters() {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    put(m, "t2");
    m.get(key("t1"));

    assertThat(m.clear()).isEqualTo(2);

    WorkflowCacheStats stats = m.stats();
    assertThat(stats.entries()).isZero();
    assertThat(stats.bytes()).isZero();
    assertThat(stats.hits()).isZero();
    assertThat(entryFiles()).isEmpty();
  }

  @Test
  void aZeroTtlCachesNothing() {
    WorkflowCacheManager m = new WorkflowCacheManager(dir, true, Duration.ZERO, BIG, clock);
    assertThat(m.put(key("t1"), "w", "e", "completed", result("x"))).isEmpty();
    assertThat(m.get(key("t1"))).isEmpty();
  }

  @Test
  void anAbsentDirectoryIsAnEmptyCacheAndIsNotCreatedByReading() {
    Path absent = dir.resolve("not-yet");
    WorkflowCacheManager m = new WorkflowCacheManager(absent, true, TTL, BIG, clock);
    assertThat(m.stats().entries()).isZero();
    assertThat(m.prune()).isZero();
    assertThat(m.clear()).isZero();
    assertThat(absent).doesNotExist();
  }

  @Test
  void twoManagersWritingAtOnceLoseNothing() throws Exception {
    WorkflowCacheManager a = manager(BIG);
    WorkflowCacheManager b = manager(BIG);
    int perWriter = 25;
    CyclicBarrier start = new CyclicBarrier(2);
    List<Callable<Void>> writers = new ArrayList<>();
    for (WorkflowCacheManager m : List.of(a, b)) {
      String prefix = m == a ? "a" : "b";
      writers.add(
          () -> {
            start.await();
            for (int i = 0; i < perWriter; i++) {
              put(m, prefix + i);
              m.get(key(prefix + (i / 2)));
            }
            return null;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (Future<Void> f : pool.invokeAll(writers)) {
        f.get();
      }
    }

    WorkflowCacheStats stats = manager(BIG).stats();
    assertThat(stats.entries()).isEqualTo(2 * perWriter);
    assertThat(stats.hits() + stats.misses()).isEqualTo(2 * perWriter);
    assertThat(stats.bytes()).isEqualTo(entryFiles().stream().mapToLong(this::fileSize).sum());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("index.json", "entries", ".lock", "access.log");
    }
  }

  @Test
  void aHitAppendsToTheJournalWithoutRewritingTheIndexAndSurvivesARestart() throws IOException {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    Path index = dir.resolve("index.json");
    String written = Files.readString(index);
    clock.advance(Duration.ofMinutes(5));

    assertThat(m.get(key("t1"))).isPresent();
    assertThat(m.get(key("t2"))).isEmpty();

    assertThat(Files.readString(index)).isEqualTo(written);
    assertThat(Files.readAllLines(dir.resolve("access.log"))).hasSize(2);
    // a new process (no close: as after a crash) sees the hit, the miss and the access time
    WorkflowCacheManager restarted = manager(BIG);
    assertThat(restarted.stats().hits()).isEqualTo(1);
    assertThat(restarted.stats().misses()).isEqualTo(1);
    // the next write folds the journal into the index
    put(restarted, "t3");
    assertThat(dir.resolve("access.log")).doesNotExist();
    assertThat(Files.readString(index)).contains(clock.instant().toString());
    assertThat(manager(BIG).stats().hits()).isEqualTo(1);
  }

  @Test
  void aTornJournalLineFromACrashIsDropped() throws IOException {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    m.get(key("t1"));
    Files.writeString(
        dir.resolve("access.log"), "hit " + key("t1").id() + " 20", StandardOpenOption.APPEND);

    WorkflowCacheManager restarted = manager(BIG);
    assertThat(restarted.get(key("t1"))).isPresent();

    assertThat(restarted.stats().hits()).isEqualTo(2);
    assertThat(manager(BIG).stats().hits()).isEqualTo(2);
  }

  @Test
  void aManagerSeesWhatAnotherProcessChanged() {
    WorkflowCacheManager a = manager(BIG);
    WorkflowCacheManager b = manager(BIG);
    put(a, "t1");
    assertThat(a.get(key("t1"))).isPresent(); // now held in a's memory

    b.invalidate(key("t1"));
    assertThat(a.get(key("t1"))).isEmpty();

    b.put(key("t1"), "workflow-2", "execution-new", "completed", result("new"));
    assertThat(a.get(key("t1")).orElseThrow().executionId()).isEqualTo("execution-new");
    b.get(key("t1"));
    assertThat(a.stats().hits()).isEqualTo(3);
  }

  @Test
  void concurrentHitsAreAllCounted() throws Exception {
    WorkflowCacheManager m = manager(BIG);
    put(m, "t1");
    int threads = 4;
    int perThread = 50;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Callable<Void>> readers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      readers.add(
          () -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              assertThat(m.get(key("t1"))).isPresent();
            }
            return null;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (Future<Void> f : pool.invokeAll(readers)) {
        f.get();
      }
    }

    assertThat(m.stats().hits()).isEqualTo(threads * perThread);
    assertThat(manager(BIG).stats().hits()).isEqualTo(threads * perThread);
  }

  private List<Path> entryFiles() {
    try (Stream<Path> files = Files.list(dir.resolve("entries"))) {
      return files.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private long fileSize(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
