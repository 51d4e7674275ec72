package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cache.WorkflowCacheKey;
import dev.gantry.cache.WorkflowCacheManager;
import dev.gantry.config.ConfigLoader;
import dev.gantry.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry cache stats|prune|clear} on a cache directory seeded through the Java API. */
class CacheCommandTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void seed() throws Exception {
    config =
        Files.writeString(
            dir.resolve("gantry.yaml"),
            """
            workflow_defaults:
              cache_directory: wf-cache
              cache_ttl_seconds: 60
            data_directory: data
            """);
    var loaded = new ConfigLoader().load(config);
    Instant now = Instant.now();
    WorkflowCacheManager old =
        WorkflowCacheManager.of(loaded, Clock.fixed(now.minusSeconds(120), ZoneOffset.UTC));
    WorkflowCacheManager fresh = WorkflowCacheManager.of(loaded, Clock.systemUTC());
    old.put(key("task-old"), "workflow-1", "execution-1", "completed", Map.of("success", true));
    fresh.put(key("task-new"), "workflow-2", "execution-2", "completed", Map.of("success", true));
    fresh.get(key("task-new"));
  }

  private static WorkflowCacheKey key(String task) {
    return WorkflowCacheKey.of(task, "containerized_workflow", Map.of(), Map.of());
  }

  private String gantry(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 2];
      all[0] = "--config";
      all[1] = config.toString();
      System.arraycopy(args, 0, all, 2, args.length);
      assertThat(GantryCommand.commandLine().execute(all)).isZero();
    } finally {
      System.setOut(stdout);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statsPruneAndClear() throws Exception {
    String table = gantry("cache", "stats");
    assertThat(table)
        .contains("directory")
        .contains(dir.resolve("wf-cache").toString())
        .containsPattern("entries\\s+2")
        .containsPattern("hits\\s+1");

    assertThat(gantry("cache", "prune"))
        .isEqualTo("pruned 1 expired entries from " + dir.resolve("wf-cache") + "\n");

    @SuppressWarnings("unchecked")
    Map<String, Object> stats =
        Json.JSON.readValue(gantry("cache", "stats", "--output", "json"), Map.class);
    assertThat(stats)
        .containsEntry("entries", 1)
        .containsEntry("expired", 1)
        .containsEntry("ttl_seconds", 60)
        .containsEntry("enabled", true);

    @SuppressWarnings("unchecked")
    Map<String, Object> cleared =
        Json.JSON.readValue(gantry("cache", "clear", "-o", "json"), Map.class);
    assertThat(cleared).containsEntry("removed", 1).containsEntry("entries", 0);
    assertThat(gantry("cache", "stats")).containsPattern("entries\\s+0");
  }
}
