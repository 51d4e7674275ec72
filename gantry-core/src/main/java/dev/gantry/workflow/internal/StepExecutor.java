package dev.gantry.workflow.internal;

import dev.gantry.GantryException;
import dev.gantry.cache.SingleFlight;
import dev.gantry.cache.StepCache;
import dev.gantry.cache.StepCacheEntry;
import dev.gantry.cache.StepCacheKey;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.LogKeys;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.resilience.FailureClass;
import dev.gantry.resilience.Sleeper;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretHmac;
import dev.gantry.secret.SecretResolver;
import dev.gantry.workflow.ArtifactStore;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of an execution: restores it from the step cache when an identical run is cached
 * ({@code docs/caching.md}), waits for an identical step another execution is running now
 * (single-flight), else runs its attempts with retries and timeouts ({@code docs/resilience.md})
 * and caches a success.
 */
public final class StepExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

  private final StepRequests requests;
  private final StepCaching caching;
  private final StepAttempts attempts;
  private final Clock clock;

  /**
   * @param sleeper waits between retries
   * @param random draws the retry jitter
   */
  public StepExecutor(
      StepRunner runner,
      ArtifactStore artifacts,
      GantryConfig config,
      SecretResolver secrets,
      String ownerId,
      Clock clock,
      Sleeper sleeper,
      Random random) {
    this.clock = clock;
    this.requests = new StepRequests(artifacts, config, secrets, ownerId);
    StepCache cache = new StepCache(config.dataDirectory().resolve("step-cache"), artifacts);
    this.caching =
        new StepCaching(
            cache,
            SecretHmac.inDataDirectory(config.dataDirectory()),
            runner,
            requests,
            config,
            clock);
    this.attempts =
        new StepAttempts(
            runner, artifacts, requests, config.workflowDefaults(), clock, sleeper, random);
  }

  /** With the system's sleep and an unseeded random for the jitter. */
  public StepExecutor(
      StepRunner runner,
      ArtifactStore artifacts,
      GantryConfig config,
      SecretResolver secrets,
      String ownerId,
      Clock clock) {
    this(runner, artifacts, config, secrets, ownerId, clock, Sleeper.system(), new Random());
  }

  /** The step cache this executor reads and writes. */
  public StepCache stepCache() {
    return caching.cache();
  }

  /** Runs the pending {@code step} of the recorder's execution to a terminal state. */
  public StepRun run(ExecutionRecorder recorder, StepSpec step, StepLimits limits) {
    Execution execution = recorder.current();
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(LogKeys.TASK_ID, execution.taskId().value());
    keys.put(LogKeys.WORKFLOW_ID, execution.workflowId().value());
    keys.put(LogKeys.EXECUTION_ID, execution.id().value());
    keys.put(LogKeys.STEP, step.name());
    try (LogKeys.Scope mdc = LogKeys.put(keys)) {
      Map<String, String> secretValues;
      try {
        secretValues = requests.secretValues(step);
      } catch (GantryException e) {
        return failBeforeStart(recorder, step, e);
      }
      Duration ttl = caching.ttl(execution, step);
      if (ttl == null) {
        return attempts.run(recorder, step, limits, secretValues);
      }
      StepCacheKey key;
      try {
        key = caching.key(execution, step, secretValues);
      } catch (UnsupportedOperationException e) {
        LOG.debug("step '{}' runs without the step cache: {}", step.name(), e.getMessage());
        return attempts.run(recorder, step, limits, secretValues);
      } catch (GantryException e) {
        if (!FailureClass.of(e).retryable()) {
          return failBeforeStart(recorder, step, e);
        }
        LOG.warn(
            "step '{}' runs without the step cache: its image could not be resolved ({})",
            step.name(),
            e.getMessage());
        return attempts.run(recorder, step, limits, secretValues);
      }
      return cached(recorder, step, limits, secretValues, key, ttl);
    }
  }

  /**
   * Carries on a step that was {@code running} when the instance running it died: re-attaches to
   * its container or runs the attempt again ({@code docs/durability.md}). No step cache lookup: the
   * step had started.
   */
  public StepRun resume(ExecutionRecorder recorder, StepSpec step, StepLimits limits) {
    Execution execution = recorder.current();
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(LogKeys.TASK_ID, execution.taskId().value());
    keys.put(LogKeys.WORKFLOW_ID, execution.workflowId().value());
    keys.put(LogKeys.EXECUTION_ID, execution.id().value());
    keys.put(LogKeys.STEP, step.name());
    try (LogKeys.Scope mdc = LogKeys.put(keys)) {
      Map<String, String> secretValues;
      try {
        secretValues = requests.secretValues(step);
      } catch (GantryException e) {
        return failBeforeStart(recorder, step, e);
      }
      return attempts.resume(recorder, step, limits, secretValues);
    }
  }

  private StepRun cached(
      ExecutionRecorder recorder,
      StepSpec step,
      StepLimits limits,
      Map<String, String> secretValues,
      StepCacheKey key,
      Duration ttl) {
    String digest = key.digest();
    StepCache cache = caching.cache();
    SingleFlight flights = cache.flights();
    while (true) {
      Optional<StepCacheEntry> hit = lookup(cache, digest, ttl);
      if (hit.isPresent()) {
        LOG.info(
            "step '{}' restored from the step cache (key {}, from execution {})",
            step.name(),
            digest,
            hit.get().executionId());
        return caching.restore(recorder, step, hit.get());
      }
      try (SingleFlight.Flight flight = flights.acquire(digest)) {
        if (flight != null) {
          StepRun run = attempts.run(recorder, step, limits, secretValues);
          if (run.state() == StepState.COMPLETED) {
            save(key, recorder, run);
          }
          return run;
        }
      }
      LOG.info("step '{}' waits for an identical step running now (key {})", step.name(), digest);
      Duration left = Duration.between(clock.instant(), limits.executionDeadline());
      try {
        if (!flights.await(digest, left)) {
          // The execution's time ran out while waiting: the attempts record the timeout.
          return attempts.run(recorder, step, limits, secretValues);
        }
      } catch (InterruptedException e) {
        if (recorder.suspending()) {
          return recorder.current().step(step.name());
        }
        return recorder.settlePending(step.name(), StepState.CANCELLED, "execution was cancelled");
      }
    }
  }

  private Optional<StepCacheEntry> lookup(StepCache cache, String digest, Duration ttl) {
    try {
      return cache.lookup(digest, ttl, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("the step cache cannot be read ({}); the step runs", e.toString());
      return Optional.empty();
    }
  }

  private void save(StepCacheKey key, ExecutionRecorder recorder, StepRun run) {
    try {
      caching.save(key, recorder.current(), run);
    } catch (RuntimeException e) {
      LOG.warn("step '{}' could not be saved in the step cache: {}", run.name(), e.toString());
    }
  }

  /** The step could not start (a secret or its image is missing): one failed attempt. */
  private StepRun failBeforeStart(ExecutionRecorder recorder, StepSpec step, GantryException e) {
    boolean cancelled = e instanceof StepCancelledException;
    if (cancelled && recorder.suspending()) {
      Thread.interrupted();
      StepRun current = recorder.current().step(step.name());
      return current.state() == StepState.RUNNING ? recorder.suspendStep(step.name()) : current;
    }
    if (cancelled) {
      Thread.interrupted(); // keep the store write working; this thread ends after the step
    } else {
      LOG.warn("step '{}' cannot start: {}", step.name(), e.getMessage());
    }
    // No secret value was resolved when a step cannot start, so there is nothing to mask here.
    String error =
        cancelled
            ? "step '" + step.name() + "' was cancelled"
            : "step '" + step.name() + "': " + e.getMessage();
    Instant now = clock.instant();
    StepAttempt attempt = new StepAttempt(1, null, now, now, null, false, false, "", "", error);
    StepState state = cancelled ? StepState.CANCELLED : StepState.FAILED;
    recorder.updateStep(step.name(), s -> s.started(now), Map.of());
    return recorder.updateStep(
        step.name(),
        s -> s.withAttempt(attempt).finished(state, List.of(), error, now),
        Map.of("error", error));
  }
}
