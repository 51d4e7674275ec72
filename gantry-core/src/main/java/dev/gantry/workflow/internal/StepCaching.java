package dev.gantry.workflow.internal;

import dev.gantry.cache.StepCache;
import dev.gantry.cache.StepCacheEntry;
import dev.gantry.cache.StepCacheKey;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretHmac;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The step cache as the executor uses it: whether a step is cached, its key, restoring a hit and
 * saving a success ({@code docs/caching.md}).
 */
final class StepCaching {
  private final StepCache cache;
  private final SecretHmac hmac;
  private final StepRunner runner;
  private final StepRequests requests;
  private final GantryConfig config;
  private final Clock clock;

  StepCaching(
      StepCache cache,
      SecretHmac hmac,
      StepRunner runner,
      StepRequests requests,
      GantryConfig config,
      Clock clock) {
    this.cache = cache;
    this.hmac = hmac;
    this.runner = runner;
    this.requests = requests;
    this.config = config;
    this.clock = clock;
  }

  StepCache cache() {
    return cache;
  }

  /**
   * How long a cache entry of the step stays a hit in this execution, or {@code null} when the step
   * is not cached here: caching disabled, {@code cache: never}, or {@code skip_cache} set.
   */
  Duration ttl(Execution execution, StepSpec step) {
    if (!config.workflowDefaults().cachingEnabled()
        || step.cache().never()
        || skipCache(execution)) {
      return null;
    }
    long seconds =
        step.cache().ttlSeconds() != null
            ? step.cache().ttlSeconds()
            : config.workflowDefaults().cacheTtlSeconds();
    return Duration.ofSeconds(seconds);
  }

  private static boolean skipCache(Execution execution) {
    Object flag = execution.params().get("skip_cache");
    return Boolean.TRUE.equals(flag) || "true".equalsIgnoreCase(String.valueOf(flag));
  }

  /**
   * The step's cache key; resolves (and if needed pulls) its image. Throws what {@link
   * StepRunner#resolveImage} throws.
   */
  StepCacheKey key(Execution execution, StepSpec step, Map<String, String> secretValues) {
    String imageId =
        runner.resolveImage(step.image(), requests.registry(step), requests.credentials(step));
    Map<String, String> secrets = new LinkedHashMap<>();
    if (!secretValues.isEmpty()) {
      secretValues.forEach((name, value) -> secrets.put(name, "hmac-sha256:" + hmac.hmac(value)));
    }
    List<StepCacheKey.Input> inputs = new ArrayList<>();
    for (ArtifactRef ref : StepRequests.inputs(execution, step)) {
      inputs.add(new StepCacheKey.Input(ref.path(), ref.digest()));
    }
    // Both salts, unambiguously: the configured one and the step's.
    String salt =
        Json.write(Arrays.asList(config.workflowDefaults().cacheSalt(), step.cache().salt()));
    return new StepCacheKey(
        imageId,
        step.command().argv(),
        step.env(),
        secrets,
        step.workdir(),
        step.user(),
        step.outputs(),
        inputs,
        salt);
  }

  /** Records a hit: the step goes {@code pending → cached} with the entry's outputs and logs. */
  StepRun restore(ExecutionRecorder recorder, StepSpec step, StepCacheEntry entry) {
    Instant now = clock.instant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cache_key", entry.key());
    details.put("cached_from_execution", entry.executionId());
    details.put("exit_code", entry.exitCode());
    return recorder.updateStep(
        step.name(),
        s -> {
          StepAttempt attempt =
              new StepAttempt(
                  s.attempts().size() + 1,
                  null,
                  now,
                  now,
                  entry.exitCode(),
                  false,
                  false,
                  entry.stdout(),
                  entry.stderr(),
                  null);
          return new StepRun(s.name(), s.state(), s.attempts(), List.of(), null, now, null)
              .withAttempt(attempt)
              .finished(StepState.CACHED, entry.outputs(), null, now);
        },
        details);
  }

  /** Saves a completed step run under {@code key}. */
  void save(StepCacheKey key, Execution execution, StepRun run) {
    StepAttempt last = run.lastAttempt();
    cache.save(
        new StepCacheEntry(
            key.digest(),
            run.name(),
            key.imageId(),
            last.exitCode() == null ? 0 : last.exitCode(),
            last.stdout(),
            last.stderr(),
            run.outputs(),
            clock.instant(),
            execution.id().value(),
            last.containerId()));
  }
}
