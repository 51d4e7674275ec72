package dev.gantry.cli;

import dev.gantry.cache.WorkflowCacheManager;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.cli.backend.Backend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gantry cache stats|prune|clear}: the workflow cache under {@code
 * workflow_defaults.cache_directory}. Locally it works on the cache's files only (no store, no
 * engine), so it may run next to a server using the same cache; with {@code --server} it asks the
 * server ({@code clear} is local only).
 */
@Command(name = "cache", description = "Show, prune or clear the workflow cache.")
final class CacheCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "stats", description = "Entries, size, hits, misses, evictions, expired.")
  int stats() {
    WorkflowCacheStats s;
    try (Backend gantry = root.context().backend()) {
      s = gantry.cacheStats();
    }
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("directory", s.directory().toString());
    rows.put("enabled", s.enabled());
    rows.put("entries", s.entries());
    rows.put("bytes", s.bytes());
    rows.put("max_bytes", s.maxBytes());
    rows.put("ttl_seconds", s.ttlSeconds());
    rows.put("hits", s.hits());
    rows.put("misses", s.misses());
    rows.put("evictions", s.evictions());
    rows.put("expired", s.expired());
    Output out = root.context().output();
    out.print(
        rows,
        List.of("KEY", "VALUE"),
        rows.entrySet().stream().map(e -> List.<Object>of(e.getKey(), e.getValue())).toList());
    return 0;
  }

  @Command(name = "prune", description = "Remove expired entries.")
  int prune() {
    try (Backend gantry = root.context().backend()) {
      int pruned = gantry.pruneCache();
      report("pruned", pruned, "expired entries", gantry.cacheStats());
    }
    return 0;
  }

  @Command(name = "clear", description = "Remove every entry and reset the counters.")
  int clear() {
    root.context().requireLocal("cache clear", "removes the cache's files on this machine");
    try (LocalBackend local = new LocalBackend(root.context())) {
      WorkflowCacheManager cache = local.cache();
      report("removed", cache.clear(), "entries", cache.stats());
    }
    return 0;
  }

  private void report(String verb, int count, String what, WorkflowCacheStats after) {
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(
          Map.of(
              verb, count, "entries", after.entries(), "directory", after.directory().toString()));
    } else {
      System.out.println(verb + " " + count + " " + what + " from " + after.directory());
    }
  }
}
