package dev.gantry.config;

/**
 * The seed's {@code workflow_defaults}. {@code timeoutSeconds} bounds a whole execution and is the
 * default limit of each step. Retry, cache and breaker settings are read and validated now and used
 * by the resilience and cache layers.
 */
public record WorkflowDefaults(
    int timeoutSeconds,
    int maxRetries,
    double retryBackoffFactor,
    boolean retryJitter,
    boolean cachingEnabled,
    String cacheDirectory,
    long cacheTtlSeconds) {
  public static final WorkflowDefaults DEFAULT =
      new WorkflowDefaults(600, 3, 0.5, true, true, ".dagger_cache", 3600);
}
