package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.backend.Backend;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Prints a line each time a step of a running execution changes state (live progress). */
final class StepWatcher {
  private static final Duration TICK = Duration.ofMillis(200);

  private final PrintStream out;
  private final String prefix;
  private final Map<String, StepState> seen = new HashMap<>();

  StepWatcher(PrintStream out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  /** Waits for the execution to end, printing step changes; returns its final record. */
  Execution follow(TaskWorkflowIntegration gantry, ExecutionHandle handle)
      throws InterruptedException {
    while (true) {
      try {
        Execution done = handle.await(TICK);
        report(done);
        return done;
      } catch (TimeoutException e) {
        report(gantry.getExecution(handle.executionId().value()));
      }
    }
  }

  /** The same through a {@link Backend} (a local instance or a server). */
  Execution follow(Backend backend, String executionId) throws InterruptedException {
    while (true) {
      Execution done = backend.awaitExecution(executionId, TICK);
      if (done != null) {
        report(done);
        return done;
      }
      report(backend.getExecution(executionId));
    }
  }

  synchronized void report(Execution execution) {
    for (StepRun step : execution.steps()) {
      StepState before = seen.put(step.name(), step.state());
      if (before != step.state() && step.state() != StepState.PENDING) {
        out.println(prefix + line(step));
      }
    }
  }

  static String line(StepRun step) {
    String mark =
        switch (step.state()) {
          case COMPLETED, CACHED -> "✓";
          case RUNNING -> "▸";
          case SKIPPED -> "·";
          default -> "✗";
        };
    StringBuilder sb = new StringBuilder(mark + " " + step.name() + " " + step.state().wireName());
    if (step.state().isTerminal() && step.exitCode() != null) {
      sb.append(" (exit ").append(step.exitCode());
      if (step.startedAt() != null && step.finishedAt() != null) {
        sb.append(", ")
            .append(Durations.format(Duration.between(step.startedAt(), step.finishedAt())));
      }
      sb.append(")");
    }
    if (step.error() != null && step.state() != StepState.COMPLETED) {
      sb.append(" — ").append(step.error());
    }
    return sb.toString();
  }
}
