package dev.gantry.config;

/**
 * The seed's {@code workflow_defaults}. {@code timeoutSeconds} bounds a whole execution and is the
 * default limit of each step attempt. Retries ({@code docs/resilience.md}), the step cache ({@code
 * docs/caching.md}) and the workflow cache ({@code docs/workflow-cache.md}) use the rest.
 *
 * @param retryMaxDelaySeconds the cap of the delay between two attempts, before jitter
 * @param cacheSalt text in every step cache key; change it to invalidate every cached step
 * @param cacheMaxBytes bound of the workflow cache's total size; least recently used entries are
 *     evicted beyond it ({@code cache_max_bytes}, Gantry's own key)
 */
public record WorkflowDefaults(
    int timeoutSeconds,
    int maxRetries,
    double retryBackoffFactor,
    boolean retryJitter,
    boolean cachingEnabled,
    String cacheDirectory,
    long cacheTtlSeconds,
    double retryMaxDelaySeconds,
    String cacheSalt,
    long cacheMaxBytes) {
  /** The default of {@code retry_max_delay_seconds}. */
  public static final double DEFAULT_RETRY_MAX_DELAY_SECONDS = 30;

  /** Default bound of the workflow cache: 256 MiB. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 256L * 1024 * 1024;

  public static final WorkflowDefaults DEFAULT =
      new WorkflowDefaults(600, 3, 0.5, true, true, ".dagger_cache", 3600);

  public WorkflowDefaults {
    cacheSalt = cacheSalt == null ? "" : cacheSalt;
  }

  /** The seed's keys; {@code retry_max_delay_seconds} 30, no cache salt, a 256 MiB cache. */
  public WorkflowDefaults(
      int timeoutSeconds,
      int maxRetries,
      double retryBackoffFactor,
      boolean retryJitter,
      boolean cachingEnabled,
      String cacheDirectory,
      long cacheTtlSeconds) {
    this(
        timeoutSeconds,
        maxRetries,
        retryBackoffFactor,
        retryJitter,
        cachingEnabled,
        cacheDirectory,
        cacheTtlSeconds,
        DEFAULT_RETRY_MAX_DELAY_SECONDS,
        "");
  }

  /** Without {@code cache_max_bytes}: a 256 MiB workflow cache. */
  public WorkflowDefaults(
      int timeoutSeconds,
      int maxRetries,
      double retryBackoffFactor,
      boolean retryJitter,
      boolean cachingEnabled,
      String cacheDirectory,
      long cacheTtlSeconds,
      double retryMaxDelaySeconds,
      String cacheSalt) {
    this(
        timeoutSeconds,
        maxRetries,
        retryBackoffFactor,
        retryJitter,
        cachingEnabled,
        cacheDirectory,
        cacheTtlSeconds,
        retryMaxDelaySeconds,
        cacheSalt,
        DEFAULT_CACHE_MAX_BYTES);
  }
}
