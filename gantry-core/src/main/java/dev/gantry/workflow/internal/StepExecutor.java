package dev.gantry.workflow.internal;

import dev.gantry.GantryException;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.LogKeys;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretMask;
import dev.gantry.secret.SecretResolver;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.ArtifactStore;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one step of an execution in the runtime and records its attempt, outputs and state. */
public final class StepExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(StepExecutor.class);

  private final StepRunner runner;
  private final ArtifactStore artifacts;
  private final GantryConfig config;
  private final SecretResolver secrets;
  private final String ownerId;
  private final Clock clock;

  public StepExecutor(
      StepRunner runner,
      ArtifactStore artifacts,
      GantryConfig config,
      SecretResolver secrets,
      String ownerId,
      Clock clock) {
    this.runner = runner;
    this.artifacts = artifacts;
    this.config = config;
    this.secrets = secrets;
    this.ownerId = ownerId;
    this.clock = clock;
  }

  /**
   * Runs {@code step} with at most {@code timeout}; {@code executionDeadlineHit} tells whether the
   * timeout is the execution's remaining time rather than the step's own limit.
   */
  public StepRun run(
      ExecutionRecorder recorder, StepSpec step, Duration timeout, boolean executionDeadlineHit) {
    Execution execution = recorder.current();
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(LogKeys.TASK_ID, execution.taskId().value());
    keys.put(LogKeys.WORKFLOW_ID, execution.workflowId().value());
    keys.put(LogKeys.EXECUTION_ID, execution.id().value());
    keys.put(LogKeys.STEP, step.name());
    try (LogKeys.Scope mdc = LogKeys.put(keys)) {
      recorder.updateStep(step.name(), s -> s.started(clock.instant()), Map.of());
      int attemptNumber = execution.step(step.name()).attempts().size() + 1;
      Instant started = clock.instant();
      StepRequest request = null;
      try {
        request = request(execution, step, attemptNumber, timeout);
        if (Thread.currentThread().isInterrupted()) {
          throw new StepCancelledException("step '" + step.name() + "' was cancelled");
        }
        LOG.info(
            "step '{}' starting (image {}, timeout {}s)",
            step.name(),
            step.image(),
            timeout.toSeconds());
        StepOutcome outcome = redacted(runner.run(request), request.redactions());
        return finish(recorder, step, attemptNumber, outcome, timeout, executionDeadlineHit);
      } catch (StepCancelledException e) {
        // The runtime leaves the interrupt flag set; clear it so the store write below (H2 closes
        // its file on an interrupted channel) is not broken by it. This thread ends after this.
        Thread.interrupted();
        return fail(
            recorder,
            step,
            attemptNumber,
            started,
            StepState.CANCELLED,
            "step '" + step.name() + "' was cancelled");
      } catch (GantryException e) {
        String message =
            SecretMask.redact(e.getMessage(), request == null ? List.of() : request.redactions());
        LOG.warn("step '{}' failed: {}", step.name(), message);
        return fail(
            recorder,
            step,
            attemptNumber,
            started,
            StepState.FAILED,
            "step '" + step.name() + "': " + message);
      }
    }
  }

  private StepRequest request(Execution execution, StepSpec step, int attempt, Duration timeout) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, ownerId);
    labels.put(Labels.TASK, execution.taskId().value());
    labels.put(Labels.WORKFLOW, execution.workflowId().value());
    labels.put(Labels.EXECUTION, execution.id().value());
    labels.put(Labels.STEP, step.name());
    labels.put(Labels.ATTEMPT, Integer.toString(attempt));
    Map<String, String> env = new LinkedHashMap<>(step.env());
    List<String> redactions = new ArrayList<>();
    for (String name : step.secrets()) {
      String value = secrets.resolve(name, "step '" + step.name() + "'");
      env.put(name, value);
      redactions.add(value);
    }
    RegistryLogin login = RegistryLogin.of(step, config, secrets);
    redactions.addAll(login.secretValues());
    List<Path> inputs = new ArrayList<>();
    for (String dependency : step.dependsOn()) {
      for (ArtifactRef ref : execution.step(dependency).outputs()) {
        inputs.add(artifacts.locate(ref));
      }
    }
    return new StepRequest(
        labels,
        step.name(),
        step.image(),
        step.command().argv(),
        env,
        step.workdir(),
        step.user(),
        step.resources().orElse(config.runtime().defaultResources()),
        step.network(),
        inputs,
        step.outputs(),
        timeout,
        login.registry(),
        login.credentials(),
        redactions);
  }

  /**
   * The outcome with the secret values masked in its logs, whatever the runtime did: what is stored
   * never holds them.
   */
  private static StepOutcome redacted(StepOutcome outcome, List<String> secretValues) {
    return new StepOutcome(
        outcome.containerId(),
        outcome.exitCode(),
        outcome.oomKilled(),
        outcome.timedOut(),
        SecretMask.redact(outcome.stdout(), secretValues),
        SecretMask.redact(outcome.stderr(), secretValues),
        outcome.outputArchives(),
        outcome.missingOutputs(),
        outcome.startedAt(),
        outcome.finishedAt());
  }

  private StepRun finish(
      ExecutionRecorder recorder,
      StepSpec step,
      int attemptNumber,
      StepOutcome outcome,
      Duration timeout,
      boolean executionDeadlineHit) {
    List<ArtifactRef> outputs = new ArrayList<>();
    for (Map.Entry<String, Path> e : outcome.outputArchives().entrySet()) {
      outputs.add(artifacts.put(e.getKey(), e.getValue()));
    }
    StepState state;
    String error = null;
    if (outcome.succeeded()) {
      state = StepState.COMPLETED;
    } else if (outcome.timedOut()) {
      state = StepState.TIMED_OUT;
      error =
          executionDeadlineHit
              ? "step '"
                  + step.name()
                  + "' was killed when the execution reached its timeout ("
                  + config.workflowDefaults().timeoutSeconds()
                  + "s, workflow_defaults.timeout_seconds)"
              : "step '"
                  + step.name()
                  + "' timed out after "
                  + timeout.toSeconds()
                  + "s and was killed (timeout_seconds="
                  + timeout.toSeconds()
                  + ")";
    } else {
      state = StepState.FAILED;
      error = "step '" + step.name() + "' " + outcome.describe();
    }
    StepAttempt attempt =
        new StepAttempt(
            attemptNumber,
            outcome.containerId(),
            outcome.startedAt(),
            outcome.finishedAt(),
            outcome.exitCode(),
            outcome.oomKilled(),
            outcome.timedOut(),
            outcome.stdout(),
            outcome.stderr(),
            error);
    String why = error;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("exit_code", outcome.exitCode());
    if (why != null) {
      details.put("error", why);
    }
    LOG.info("step '{}' {}", step.name(), outcome.describe());
    logContainerOutput(step.name(), outcome);
    return recorder.updateStep(
        step.name(),
        s -> s.withAttempt(attempt).finished(state, outputs, why, clock.instant()),
        details);
  }

  /** Container output goes to its own logger namespace, never mixed into Gantry's own lines. */
  private static void logContainerOutput(String stepName, StepOutcome outcome) {
    Logger out = LoggerFactory.getLogger(LogKeys.CONTAINER_LOGGER + "." + stepName);
    if (!out.isDebugEnabled()) {
      return;
    }
    try (LogKeys.Scope mdc =
        LogKeys.put(Map.of(LogKeys.CONTAINER_ID, String.valueOf(outcome.containerId())))) {
      outcome.stdout().lines().forEach(line -> out.debug("stdout: {}", line));
      outcome.stderr().lines().forEach(line -> out.debug("stderr: {}", line));
    }
  }

  private StepRun fail(
      ExecutionRecorder recorder,
      StepSpec step,
      int attemptNumber,
      Instant started,
      StepState state,
      String error) {
    StepAttempt attempt =
        new StepAttempt(
            attemptNumber, null, started, clock.instant(), null, false, false, "", "", error);
    return recorder.updateStep(
        step.name(),
        s -> s.withAttempt(attempt).finished(state, List.of(), error, clock.instant()),
        Map.of("error", error));
  }
}
