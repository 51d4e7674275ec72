package dev.gantry.config;

/**
 * The seed's {@code workflow_defaults}. {@code timeoutSeconds} bounds a whole execution and is the
 * default limit of each step attempt. Retries ({@code docs/resilience.md}) and the step cache
 * ({@code docs/caching.md}) use the rest.
 *
 * @param retryMaxDelaySeconds the cap of the delay between two attempts, before jitter
 * @param cacheSalt text in every step cache key; change it to invalidate every cached step
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
    String cacheSalt) {
  /** The default of {@code retry_max_delay_seconds}. */
  public static final double DEFAULT_RETRY_MAX_DELAY_SECONDS = 30;

  public static final WorkflowDefaults DEFAULT =
      new WorkflowDefaults(
          600, 3, 0.5, true, true, ".dagger_cache", 3600, DEFAULT_RETRY_MAX_DELAY_SECONDS, "");

  public WorkflowDefaults {
    cacheSalt = cacheSalt == null ? "" : cacheSalt;
  }

  /** The seed's keys; {@code retry_max_delay_seconds} 30 and no cache salt. */
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
}
