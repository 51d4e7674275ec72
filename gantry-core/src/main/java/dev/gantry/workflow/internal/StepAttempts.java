package dev.gantry.workflow.internal;

import dev.gantry.config.WorkflowDefaults;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.resilience.FailureClass;
import dev.gantry.resilience.RetryPolicy;
import dev.gantry.resilience.Sleeper;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepContainer;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretMask;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.ArtifactStore;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.internal.StepLimits.AttemptLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step's attempts: each one within the tightest of its time limits ({@link StepLimits}),
 * retrying transient failures ({@link FailureClass}) after the {@link RetryPolicy}'s delay, while
 * the execution shows {@code retrying}. Every attempt is recorded with its error.
 */
final class StepAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(StepAttempts.class);

  private final StepRunner runner;
  private final ArtifactStore artifacts;
  private final StepRequests requests;
  private final WorkflowDefaults defaults;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;

  StepAttempts(
      StepRunner runner,
      ArtifactStore artifacts,
      StepRequests requests,
      WorkflowDefaults defaults,
      Clock clock,
      Sleeper sleeper,
      Random random) {
    this.runner = runner;
    this.artifacts = artifacts;
    this.requests = requests;
    this.defaults = defaults;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** How one attempt ended: its record, the state it would end the step in, and its class. */
  private record Tried(
      StepAttempt attempt, StepState state, StepOutcome outcome, FailureClass failure) {}

  /** Runs the (pending) step's attempts until one succeeds or no retry is left. */
  StepRun run(
      ExecutionRecorder recorder,
      StepSpec step,
      StepLimits limits,
      Map<String, String> secretValues) {
    Instant stepStart = clock.instant();
    recorder.updateStep(step.name(), s -> s.started(stepStart), Map.of());
    return attempts(recorder, step, limits, secretValues, stepStart, 1, null);
  }

  /**
   * Carries on a step that was {@code running} when its instance died ({@code docs/durability.md}):
   * the container of its current attempt (number = recorded attempts + 1), found by its labels, is
   * re-attached and awaited if it started; if there is none, that attempt runs again, within the
   * retry policy.
   */
  StepRun resume(
      ExecutionRecorder recorder,
      StepSpec step,
      StepLimits limits,
      Map<String, String> secretValues) {
    Instant stepStart = clock.instant();
    int number = recorder.current().step(step.name()).attempts().size() + 1;
    Tried reattached = reattach(recorder, step, number, limits, stepStart, secretValues);
    return attempts(recorder, step, limits, secretValues, stepStart, number, reattached);
  }

  private Tried reattach(
      ExecutionRecorder recorder,
      StepSpec step,
      int number,
      StepLimits limits,
      Instant stepStart,
      Map<String, String> secretValues) {
    StepContainer started = LostAttempt.container(runner, recorder.current(), step, number);
    if (started == null) {
      return null;
    }
    AttemptLimit limit = limits.forAttempt(step, stepStart, clock.instant());
    List<String> hidden = requests.redactions(step, secretValues);
    StepRequest request =
        requests.build(recorder.current(), step, number, limit.timeout(), secretValues);
    LOG.info(
        "step '{}' attempt {}: re-attaching to its container {} ({})",
        step.name(),
        number,
        started.id(),
        started.status());
    try {
      StepOutcome outcome = ContainerOutput.redacted(runner.attach(started.id(), request), hidden);
      ContainerOutput.log(step.name(), outcome);
      return outcomeOf(step, number, limit, outcome);
    } catch (StepCancelledException e) {
      Thread.interrupted();
      return new Tried(
          failedAttempt(number, clock.instant(), "step '" + step.name() + "' was cancelled"),
          StepState.CANCELLED,
          null,
          FailureClass.of(e));
    } catch (dev.gantry.GantryException e) {
      String message = SecretMask.redact(e.getMessage(), hidden);
      LOG.warn("step '{}' attempt {} could not be re-attached: {}", step.name(), number, message);
      return new Tried(
          failedAttempt(number, clock.instant(), "step '" + step.name() + "': " + message),
          StepState.FAILED,
          null,
          FailureClass.of(e));
    }
  }

  /**
   * Runs attempts {@code first}, {@code first + 1}, … until one succeeds or no retry is left;
   * {@code firstTried}, when given, is how attempt {@code first} already ended.
   */
  private StepRun attempts(
      ExecutionRecorder recorder,
      StepSpec step,
      StepLimits limits,
      Map<String, String> secretValues,
      Instant stepStart,
      int first,
      Tried firstTried) {
    RetryPolicy policy = RetryPolicy.of(defaults, step.retry());
    for (int number = first; ; number++) {
      Tried tried;
      if (number == first && firstTried != null) {
        tried = firstTried;
      } else {
        Instant now = number == first ? stepStart : clock.instant();
        AttemptLimit limit = limits.forAttempt(step, stepStart, now);
        if (limit.exhausted()) {
          return noTimeLeft(recorder, step, number, limit);
        }
        tried = attempt(recorder, step, number, limit, secretValues);
      }
      if (tried.state() == StepState.COMPLETED) {
        return finish(recorder, step, tried, number);
      }
      if (tried.state() == StepState.CANCELLED && recorder.suspending()) {
        return recorder.suspendStep(step.name());
      }
      if (tried.state() == StepState.CANCELLED
          || !tried.failure().retryable()
          || number > policy.maxRetries()) {
        return finish(recorder, step, tried, number);
      }
      Duration delay = policy.delay(number, random);
      AttemptLimit next = limits.forAttempt(step, stepStart, clock.instant().plus(delay));
      if (next.exhausted()) {
        String why =
            tried.attempt().error()
                + " (not retried: waiting "
                + StepLimits.seconds(delay)
                + " would pass the "
                + next.description()
                + ")";
        return finish(recorder, step, withError(tried, why), number);
      }
      discardOutputs(tried.outcome());
      recorder.updateStep(step.name(), s -> s.withAttempt(tried.attempt()), Map.of());
      if (!waitToRetry(recorder, step, tried, delay)) {
        if (recorder.suspending()) {
          Thread.interrupted();
          return recorder.suspendStep(step.name());
        }
        return cancelledWhileWaiting(recorder, step);
      }
    }
  }

  private Tried attempt(
      ExecutionRecorder recorder,
      StepSpec step,
      int number,
      AttemptLimit limit,
      Map<String, String> secretValues) {
    Instant started = clock.instant();
    List<String> hidden = List.of();
    try {
      hidden = requests.redactions(step, secretValues);
      StepRequest request =
          requests.build(recorder.current(), step, number, limit.timeout(), secretValues);
      if (Thread.currentThread().isInterrupted()) {
        throw new StepCancelledException("step '" + step.name() + "' was cancelled");
      }
      LOG.info(
          "step '{}' attempt {} starting (image {}, {})",
          step.name(),
          number,
          step.image(),
          limit.description());
      // Masked here too, whatever the runtime did: what is stored never holds a secret.
      StepOutcome outcome = ContainerOutput.redacted(runner.run(request), hidden);
      ContainerOutput.log(step.name(), outcome);
      return outcomeOf(step, number, limit, outcome);
    } catch (StepCancelledException e) {
      // The runtime leaves the interrupt flag set; clear it so the store write (H2 closes its file
      // on an interrupted channel) is not broken by it. This thread ends after this step.
      Thread.interrupted();
      String error = "step '" + step.name() + "' was cancelled";
      return new Tried(
          failedAttempt(number, started, error), StepState.CANCELLED, null, FailureClass.of(e));
    } catch (dev.gantry.GantryException e) {
      String message = SecretMask.redact(e.getMessage(), hidden);
      LOG.warn("step '{}' attempt {} failed: {}", step.name(), number, message);
      String error = "step '" + step.name() + "': " + message;
      return new Tried(
          failedAttempt(number, started, error), StepState.FAILED, null, FailureClass.of(e));
    }
  }

  private Tried outcomeOf(StepSpec step, int number, AttemptLimit limit, StepOutcome outcome) {
    StepState state;
    String error = null;
    FailureClass failure = null;
    if (outcome.succeeded()) {
      state = StepState.COMPLETED;
    } else {
      failure =
          FailureClass.of(
              outcome, step.retryableExitCodes(), limit.kind() == StepLimits.Kind.ATTEMPT);
      if (outcome.timedOut()) {
        state = StepState.TIMED_OUT;
        error =
            "step '"
                + step.name()
                + "' timed out after "
                + StepLimits.seconds(limit.timeout())
                + " and was killed: "
                + limit.description();
      } else {
        state = StepState.FAILED;
        error = "step '" + step.name() + "' " + outcome.describe();
      }
    }
    LOG.info("step '{}' attempt {} {}", step.name(), number, outcome.describe());
    StepAttempt attempt =
        new StepAttempt(
            number,
            outcome.containerId(),
            outcome.startedAt(),
            outcome.finishedAt(),
            outcome.exitCode(),
            outcome.oomKilled(),
            outcome.timedOut(),
            outcome.stdout(),
            outcome.stderr(),
            error);
    return new Tried(attempt, state, outcome, failure);
  }

  private StepAttempt failedAttempt(int number, Instant started, String error) {
    return new StepAttempt(
        number, null, started, clock.instant(), null, false, false, "", "", error);
  }

  private static Tried withError(Tried tried, String error) {
    StepAttempt a = tried.attempt();
    StepAttempt changed =
        new StepAttempt(
            a.number(),
            a.containerId(),
            a.startedAt(),
            a.finishedAt(),
            a.exitCode(),
            a.oomKilled(),
            a.timedOut(),
            a.stdout(),
            a.stderr(),
            error);
    return new Tried(changed, tried.state(), tried.outcome(), tried.failure());
  }

  /** Records the last attempt and ends the step in its state. */
  private StepRun finish(ExecutionRecorder recorder, StepSpec step, Tried tried, int attempts) {
    List<ArtifactRef> outputs = new ArrayList<>();
    if (tried.outcome() != null) {
      for (Map.Entry<String, Path> e : tried.outcome().outputArchives().entrySet()) {
        outputs.add(artifacts.put(e.getKey(), e.getValue()));
      }
    }
    String error = tried.attempt().error();
    if (error != null && attempts > 1) {
      error = error + " (after " + attempts + " attempts)";
    }
    String why = error;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("attempts", attempts);
    if (tried.attempt().exitCode() != null) {
      details.put("exit_code", tried.attempt().exitCode());
    }
    if (why != null) {
      details.put("error", why);
    }
    return recorder.updateStep(
        step.name(),
        s -> s.withAttempt(tried.attempt()).finished(tried.state(), outputs, why, clock.instant()),
        details);
  }

  private StepRun noTimeLeft(
      ExecutionRecorder recorder, StepSpec step, int number, AttemptLimit limit) {
    String error =
        "step '"
            + step.name()
            + "' timed out before attempt "
            + number
            + " could start: "
            + limit.description();
    StepAttempt attempt =
        new StepAttempt(
            number, null, clock.instant(), clock.instant(), null, false, true, "", "", error);
    return finish(recorder, step, new Tried(attempt, StepState.TIMED_OUT, null, null), number);
  }

  /** Waits {@code delay} with the execution {@code retrying}; false when cancelled meanwhile. */
  private boolean waitToRetry(
      ExecutionRecorder recorder, StepSpec step, Tried tried, Duration delay) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("step", step.name());
    details.put("attempt", tried.attempt().number());
    details.put("error", tried.attempt().error());
    details.put("reason", tried.failure().reason());
    details.put("delay_ms", delay.toMillis());
    LOG.info(
        "step '{}' attempt {} failed ({}); retrying in {}",
        step.name(),
        tried.attempt().number(),
        tried.failure().reason(),
        StepLimits.seconds(delay));
    recorder.retryWaitStarted(details);
    try {
      sleeper.sleep(delay);
      return !Thread.currentThread().isInterrupted();
    } catch (InterruptedException e) {
      return false;
    } finally {
      boolean interrupted = Thread.interrupted(); // keep the store write below working
      recorder.retryWaitEnded(Map.of("step", step.name()));
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private StepRun cancelledWhileWaiting(ExecutionRecorder recorder, StepSpec step) {
    Thread.interrupted();
    String error = "step '" + step.name() + "' was cancelled while waiting to retry";
    return recorder.updateStep(
        step.name(),
        s -> s.finished(StepState.CANCELLED, List.of(), error, clock.instant()),
        Map.of("error", error));
  }

  private static void discardOutputs(StepOutcome outcome) {
    if (outcome == null) {
      return;
    }
    for (Path file : outcome.outputArchives().values()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debug("could not delete the output {} of a failed attempt: {}", file, e.getMessage());
      }
    }
  }
}
