package dev.gantry.workflow.internal;

import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks one execution's DAG: starts each step when its dependencies completed (at most {@code
 * maxParallel} at once, on virtual threads), skips the dependents of a failed step, bounds each
 * step by its {@link StepLimits} (the execution's deadline among them) and stops everything on
 * cancellation.
 */
public final class PipelineRun {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

  private final StepExecutor steps;
  private final ExecutionRecorder recorder;
  private final Clock clock;
  private final int maxParallel;
  private final Instant deadline;
  private final StepLimits limits;
  private volatile boolean cancelled;
  private volatile boolean suspended;

  /** Steps submitted and not yet finished, with the thread running each once it started. */
  private final Map<String, Thread> running = new HashMap<>();

  public PipelineRun(
      StepExecutor steps,
      ExecutionRecorder recorder,
      Clock clock,
      int maxParallel,
      StepLimits limits) {
    this.steps = steps;
    this.recorder = recorder;
    this.clock = clock;
    this.maxParallel = maxParallel;
    this.deadline = limits.executionDeadline();
    this.limits = limits;
  }

  /** The final state of the execution and its error, if any. */
  public record Outcome(WorkflowState state, String error) {}

  /** Asks the run to stop: running steps are interrupted (their containers killed). */
  public void cancel() {
    cancelled = true;
    synchronized (running) {
      running.values().stream().filter(t -> t != null).forEach(Thread::interrupt);
    }
  }

  /**
   * Asks the run to stop for a graceful shutdown: running steps are interrupted (their containers
   * stopped) and go back to {@code pending}, no new step starts, and {@link #run} returns {@code
   * queued} unless every step had ended.
   */
  public void suspend() {
    recorder.markSuspending();
    suspended = true;
    synchronized (running) {
      running.values().stream().filter(t -> t != null).forEach(Thread::interrupt);
    }
  }

  /**
   * Runs every step to a terminal state and says how the execution ends. Steps already terminal in
   * the record (a recovered execution) stay as they are; steps recorded {@code running} are resumed
   * ({@link StepExecutor#resume}).
   */
  public Outcome run() throws InterruptedException {
    PipelineSpec pipeline = recorder.current().pipeline();
    Map<String, StepState> states = new HashMap<>();
    Map<String, StepRun> recorded = recorder.current().stepsByName();
    pipeline.steps().forEach(s -> states.put(s.name(), recorded.get(s.name()).state()));
    BlockingQueue<StepRun> finished = new LinkedBlockingQueue<>();
    boolean deadlinePassed = false;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (StepSpec step : pipeline.steps()) {
        if (states.get(step.name()) == StepState.RUNNING) {
          submit(pool, finished, step, true);
        }
      }
      while (true) {
        for (StepSpec step : pipeline.steps()) {
          if (states.get(step.name()) != StepState.PENDING || isRunning(step.name())) {
            continue;
          }
          if (suspended) {
            continue;
          }
          if (cancelled) {
            settle(states, step, StepState.CANCELLED, "execution was cancelled");
            continue;
          }
          String failedDependency = failedDependency(step, states);
          if (failedDependency != null) {
            settle(
                states,
                step,
                StepState.SKIPPED,
                "skipped: dependency '" + failedDependency + "' did not complete");
            continue;
          }
          if (!dependenciesDone(step, states) || runningCount() >= maxParallel) {
            continue;
          }
          Duration remaining = Duration.between(clock.instant(), deadline);
          if (remaining.isNegative() || remaining.isZero()) {
            deadlinePassed = true;
            settle(states, step, StepState.CANCELLED, "execution reached its timeout");
            continue;
          }
          submit(pool, finished, step, false);
        }
        if (runningCount() == 0) {
          break;
        }
        StepRun done = finished.take();
        synchronized (running) {
          running.remove(done.name());
        }
        states.put(done.name(), done.state());
      }
    }
    return outcome(pipeline, deadlinePassed);
  }

  private void submit(
      ExecutorService pool, BlockingQueue<StepRun> finished, StepSpec step, boolean resume) {
    Runnable task =
        () -> {
          synchronized (running) {
            running.put(step.name(), Thread.currentThread());
            if (cancelled || suspended) {
              Thread.currentThread().interrupt();
            }
          }
          StepRun result;
          try {
            result =
                resume ? steps.resume(recorder, step, limits) : steps.run(recorder, step, limits);
          } catch (dev.gantry.workflow.LateWriteException e) {
            // Another instance took the execution over and finished it: stop here, write nothing.
            LOG.warn("step '{}': {}", step.name(), e.getMessage());
            cancel();
            result =
                new StepRun(
                    step.name(),
                    StepState.CANCELLED,
                    List.of(),
                    List.of(),
                    e.getMessage(),
                    null,
                    null);
          } catch (RuntimeException | Error e) {
            LOG.error("step '{}' failed unexpectedly", step.name(), e);
            result = failedUnexpectedly(step, e);
          }
          finished.add(result);
        };
    synchronized (running) {
      running.put(step.name(), null);
    }
    pool.execute(task);
  }

  private StepRun failedUnexpectedly(StepSpec step, Throwable e) {
    String error = "step '" + step.name() + "' failed unexpectedly: " + e;
    try {
      StepRun current = recorder.current().step(step.name());
      if (current.state().isTerminal()) {
        return current;
      }
      StepAttempt attempt =
          new StepAttempt(
              current.attempts().size() + 1,
              null,
              clock.instant(),
              clock.instant(),
              null,
              false,
              false,
              "",
              "",
              error);
      return recorder.updateStep(
          step.name(),
          s -> s.withAttempt(attempt).finished(StepState.FAILED, List.of(), error, clock.instant()),
          Map.of("error", error));
    } catch (RuntimeException again) {
      LOG.error("cannot record the failure of step '{}'", step.name(), again);
      return new StepRun(step.name(), StepState.FAILED, List.of(), List.of(), error, null, null);
    }
  }

  private void settle(Map<String, StepState> states, StepSpec step, StepState state, String why) {
    recorder.settlePending(step.name(), state, why);
    states.put(step.name(), state);
  }

  private boolean isRunning(String name) {
    synchronized (running) {
      return running.containsKey(name);
    }
  }

  private int runningCount() {
    synchronized (running) {
      return running.size();
    }
  }

  private static String failedDependency(StepSpec step, Map<String, StepState> states) {
    for (String dep : step.dependsOn()) {
      StepState s = states.get(dep);
      if (s.isTerminal() && !s.isSuccessful()) {
        return dep;
      }
    }
    return null;
  }

  private static boolean dependenciesDone(StepSpec step, Map<String, StepState> states) {
    return step.dependsOn().stream().allMatch(d -> states.get(d).isSuccessful());
  }

  private Outcome outcome(PipelineSpec pipeline, boolean deadlinePassed) {
    Map<String, StepRun> runs = recorder.current().stepsByName();
    if (suspended && runs.values().stream().anyMatch(r -> !r.state().isTerminal())) {
      return new Outcome(WorkflowState.QUEUED, "stopped by a shutdown; the next start runs it on");
    }
    if (cancelled) {
      return new Outcome(WorkflowState.CANCELLED, "execution was cancelled");
    }
    for (StepSpec step : pipeline.steps()) {
      StepRun run = runs.get(step.name());
      if (run.state() == StepState.FAILED) {
        return new Outcome(WorkflowState.FAILED, run.error());
      }
    }
    for (StepSpec step : pipeline.steps()) {
      StepRun run = runs.get(step.name());
      if (run.state() == StepState.TIMED_OUT) {
        return new Outcome(WorkflowState.TIMED_OUT, run.error());
      }
    }
    if (deadlinePassed) {
      return new Outcome(WorkflowState.TIMED_OUT, "execution reached its timeout");
    }
    for (StepRun run : runs.values()) {
      if (!run.state().isSuccessful()) {
        return new Outcome(WorkflowState.FAILED, run.error());
      }
    }
    return new Outcome(WorkflowState.COMPLETED, null);
  }
}
