package dev.gantry.cache;

import java.nio.file.Path;

/**
 * Size and counters of the workflow cache. Counters are kept in its index, so they add up over
 * every process that used the same directory, until {@code clear}.
 *
 * @param entries entries now stored (expired ones included until they are pruned or read)
 * @param bytes their total size on disk
 * @param maxBytes {@code workflow_defaults.cache_max_bytes}
 * @param hits lookups answered from the cache
 * @param misses lookups that found nothing valid
 * @param evictions entries removed to stay within {@code maxBytes} (least recently used first)
 * @param expired entries removed because their TTL had passed
 */
public record WorkflowCacheStats(
    Path directory,
    boolean enabled,
    int entries,
    long bytes,
    long maxBytes,
    long ttlSeconds,
    long hits,
    long misses,
    long evictions,
    long expired) {}
