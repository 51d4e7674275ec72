package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.NotFoundException;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.Labels;
import dev.gantry.store.StaleVersionException;
import dev.gantry.store.Store;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.IllegalStateTransitionException;
import dev.gantry.workflow.ResultProcessor;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowEngine;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import dev.gantry.workflow.internal.ExecutionRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels an execution by id ({@code cancelExecution}). One that runs in this instance is cancelled
 * through its handle: its running containers are killed, its pending steps cancelled, and the task
 * updated when it ends. One that is not running here (queued or running when a previous process
 * died, or run by another process on a shared store) is cancelled in the store: its containers,
 * found by the {@code gantry.execution} label, are removed and its record, workflow and task are
 * moved to {@code cancelled}. A finished execution cannot be cancelled.
 */
public final class ExecutionCancels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionCancels.class);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REASON = "execution was cancelled";

  private final Store store;
  private final WorkflowEngine engine;
  private final TaskSideEffects sideEffects;
  private final ResultProcessor results;
  private final Supplier<ContainerManager> opener;
  private final Clock clock;
  private ContainerManager containers;

  public ExecutionCancels(
      Store store,
      WorkflowEngine engine,
      TaskSideEffects sideEffects,
      ResultProcessor results,
      Supplier<ContainerManager> opener,
      Clock clock) {
    this.store = store;
    this.engine = engine;
    this.sideEffects = sideEffects;
    this.results = results;
    this.opener = opener;
    this.clock = clock;
  }

  /** Cancels the execution and returns its final record. */
  public Execution cancel(String executionId) {
    ExecutionId id = ExecutionId.of(executionId);
    Execution execution = find(id);
    checkNotFinished(execution);
    var handle = engine.handle(id);
    if (handle.isPresent()) {
      return cancelRunning(handle.get());
    }
    return cancelDetached(id);
  }

  private Execution cancelRunning(ExecutionHandle handle) {
    handle.cancel();
    try {
      return handle.await(WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while cancelling execution " + handle.executionId());
    } catch (TimeoutException e) {
      throw new GantryException(
          "execution "
              + handle.executionId()
              + " was asked to cancel but did not stop within "
              + WAIT.toSeconds()
              + " s");
    }
  }

  /**
   * Records the cancel first and only then removes the containers: an instance that still runs the
   * execution sees its container die, and its late write (the step failed) is then dropped instead
   * of winning the race and ending the execution {@code failed}.
   */
  private Execution cancelDetached(ExecutionId id) {
    for (int tries = 1; ; tries++) {
      Execution current = find(id);
      checkNotFinished(current);
      try {
        Execution last = recordCancelled(current);
        removeContainers(id);
        WorkflowResult result = results.process(last);
        Execution stored = find(id);
        store.updateExecution(stored.withOutcome(result.result(), stored.error()));
        sideEffects.executionFinished(last, result);
        LOG.info("execution {} cancelled (it was not running in this instance)", id);
        return find(id);
      } catch (StaleVersionException e) {
        if (tries >= 5) {
          throw e;
        }
      }
    }
  }

  private Execution recordCancelled(Execution current) {
    ExecutionRecorder recorder = new ExecutionRecorder(store, clock, current);
    for (StepRun step : current.steps()) {
      if (!step.state().isTerminal()) {
        recorder.updateStep(
            step.name(),
            s -> s.finished(StepState.CANCELLED, s.outputs(), REASON, clock.instant()),
            Map.of("reason", REASON));
      }
    }
    Execution last = recorder.finish(WorkflowState.CANCELLED, REASON, Map.of("error", REASON));
    Workflow workflow =
        store
            .findWorkflow(last.workflowId())
            .orElseThrow(() -> new NotFoundException("workflow", last.workflowId().value()));
    store.updateWorkflow(workflow.withState(WorkflowState.CANCELLED, last.id(), clock.instant()));
    return last;
  }

  /** Removes the containers of the execution; a runtime that cannot be reached is logged. */
  private void removeContainers(ExecutionId id) {
    try {
      List<ContainerInfo> found = manager().list(Map.of(Labels.EXECUTION, id.value()), null);
      for (ContainerInfo c : found) {
        manager().delete(c.id());
        LOG.info("removed container {} of cancelled execution {}", c.id(), id);
      }
    } catch (GantryException | UnsupportedOperationException e) {
      LOG.warn("could not remove the containers of execution {}: {}", id, e.getMessage());
    }
  }

  private synchronized ContainerManager manager() {
    if (containers == null) {
      containers = opener.get();
    }
    return containers;
  }

  private Execution find(ExecutionId id) {
    return store
        .findExecution(id)
        .orElseThrow(() -> new NotFoundException("execution", id.value()));
  }

  private static void checkNotFinished(Execution execution) {
    if (execution.state().isTerminal()) {
      throw new IllegalStateTransitionException(
          "execution "
              + execution.id()
              + " already ended ("
              + execution.state().wireName()
              + "); only queued or running executions can be cancelled",
          execution.state().wireName(),
          WorkflowState.CANCELLED.wireName(),
          List.of());
    }
  }

  @Override
  public synchronized void close() {
    if (containers != null) {
      containers.close();
    }
  }
}
