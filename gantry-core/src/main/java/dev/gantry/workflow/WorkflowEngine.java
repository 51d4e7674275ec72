package dev.gantry.workflow;

import dev.gantry.NotFoundException;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.LogKeys;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.store.Store;
import dev.gantry.workflow.internal.ExecutionRecorder;
import dev.gantry.workflow.internal.LeaseKeeper;
import dev.gantry.workflow.internal.PipelineRun;
import dev.gantry.workflow.internal.StepExecutor;
import dev.gantry.workflow.internal.StepLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues and runs executions: persists each as {@code queued} before returning, runs its pipeline
 * on a virtual thread and records every state change.
 */
public final class WorkflowEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);

  private final Store store;
  private final StepExecutor steps;
  private final GantryConfig config;
  private final Clock clock;
  private final ExecutorService executions = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<ExecutionId, Running> active = new ConcurrentHashMap<>();
  private final LeaseKeeper leases;
  private volatile boolean accepting = true;

  /** An engine with a random owner id. */
  public WorkflowEngine(Store store, StepExecutor steps, GantryConfig config, Clock clock) {
    this(store, steps, config, clock, dev.gantry.internal.Ids.random("gantry"));
  }

  /**
   * @param ownerId this instance's id: its leases on executions and its containers' {@code
   *     gantry.owner} label
   */
  public WorkflowEngine(
      Store store, StepExecutor steps, GantryConfig config, Clock clock, String ownerId) {
    this.store = store;
    this.steps = steps;
    this.config = config;
    this.clock = clock;
    this.leases = new LeaseKeeper(store, ownerId, config.recovery(), clock);
    leases.afterRenew(this::stopRunsEndedElsewhere);
  }

  /**
   * Stops the runs whose stored record another instance ended (e.g. cancelled through a shared
   * store with {@code cancelExecution}): their containers are stopped, and what they would still
   * record is dropped as a late write.
   */
  private void stopRunsEndedElsewhere() {
    for (Running r : active.values()) {
      if (!r.done.isDone()
          && store.findExecution(r.queued.id()).map(e -> e.state().isTerminal()).orElse(false)) {
        LOG.info(
            "execution {} was ended by another instance; stopping its run here", r.queued.id());
        r.run.cancel();
      }
    }
  }

  /**
   * Throws {@link EngineShutdownException} once a shutdown began.
   *
   * @param what what was refused, e.g. {@code workflow … of task …}
   */
  public void checkAccepting(String what) {
    if (!accepting) {
      throw new EngineShutdownException(
          "Gantry is shutting down and accepts no new executions ("
              + what
              + " was not started); run it again once Gantry is back");
    }
  }

  /** This instance's leases. */
  public LeaseKeeper leases() {
    return leases;
  }

  /**
   * Stores a new execution of {@code workflow} in state {@code queued}, its lease held by this
   * instance, before it returns.
   *
   * @throws EngineShutdownException the engine is shutting down
   */
  public Execution enqueue(
      Workflow workflow, String workflowType, Map<String, Object> params, PipelineSpec pipeline) {
    checkAccepting("workflow " + workflow.id() + " of task " + workflow.taskId());
    ExecutionId id = ExecutionId.random();
    if (!leases.claim(id)) {
      throw new IllegalStateException("the lease of the new execution " + id + " is taken");
    }
    Instant now = clock.instant();
    Execution created =
        new Execution(
            id,
            workflow.id(),
            workflow.taskId(),
            workflowType,
            WorkflowState.CREATED,
            params,
            pipeline,
            pipeline.steps().stream().map(s -> StepRun.pending(s.name())).toList(),
            null,
            null,
            now,
            null,
            null,
            0);
    Execution stored;
    try {
      stored = store.insertExecution(created);
    } catch (RuntimeException e) {
      leases.release(id);
      throw e;
    }
    store.appendTransition(
        new Transition(stored.id().value(), "execution", null, "created", now, Map.of()));
    ExecutionRecorder recorder = new ExecutionRecorder(store, clock, stored);
    Execution queued = recorder.moveTo(WorkflowState.QUEUED, Map.of("workflow_type", workflowType));
    setWorkflowState(workflow.id(), queued);
    return queued;
  }

  /**
   * Starts running a queued execution; {@code onFinish} gets its final record (after the result was
   * set) before the handle completes.
   */
  public ExecutionHandle start(Execution queued, Consumer<Execution> onFinish) {
    return launch(queued, onFinish);
  }

  /**
   * Runs on an execution whose lease this instance just claimed from a dead owner (or that a
   * shutdown left {@code queued}): steps already terminal stay, running ones are resumed ({@code
   * docs/durability.md}).
   */
  public ExecutionHandle resume(Execution execution, Consumer<Execution> onFinish) {
    LOG.info(
        "recovering execution {} ({}, steps {})",
        execution.id(),
        execution.state().wireName(),
        execution.steps().stream().map(r -> r.name() + "=" + r.state().wireName()).toList());
    return launch(execution, onFinish);
  }

  /** True when this instance runs the execution now. */
  public boolean runs(ExecutionId id) {
    return active.containsKey(id);
  }

  private ExecutionHandle launch(Execution queued, Consumer<Execution> onFinish) {
    ExecutionRecorder recorder = new ExecutionRecorder(store, clock, queued);
    int timeoutSeconds = config.workflowDefaults().timeoutSeconds();
    StepLimits limits =
        new StepLimits(
            clock.instant().plusSeconds(timeoutSeconds),
            timeoutSeconds,
            Duration.ofSeconds(timeoutSeconds));
    PipelineRun run =
        new PipelineRun(steps, recorder, clock, config.runtime().maxParallelSteps(), limits);
    Running running = new Running(queued, run, new CompletableFuture<>());
    active.put(queued.id(), running);
    executions.execute(() -> runToEnd(recorder, running, onFinish));
    return running;
  }

  private void runToEnd(ExecutionRecorder recorder, Running running, Consumer<Execution> onFinish) {
    Execution execution = recorder.current();
    LogKeys.Scope mdc =
        LogKeys.put(
            Map.of(
                LogKeys.EXECUTION_ID, execution.id().value(),
                LogKeys.WORKFLOW_ID, execution.workflowId().value(),
                LogKeys.TASK_ID, execution.taskId().value()));
    try {
      if (running.cancelRequested) {
        finish(
            recorder, new PipelineRun.Outcome(WorkflowState.CANCELLED, "execution was cancelled"));
      } else {
        toRunning(recorder);
        PipelineRun.Outcome outcome = running.run.run();
        if (outcome.state() == WorkflowState.QUEUED) {
          Execution left = recorder.moveTo(WorkflowState.QUEUED, Map.of("reason", outcome.error()));
          setWorkflowState(left.workflowId(), left);
          LOG.info("execution {} stopped by the shutdown; left queued", left.id());
          running.done.completeExceptionally(
              new EngineShutdownException(
                  "execution "
                      + left.id()
                      + " was stopped by a shutdown and left queued; the next start of Gantry on"
                      + " this store runs it on"));
          return;
        }
        finish(recorder, outcome);
      }
      Execution last = recorder.current();
      try {
        onFinish.accept(last);
      } catch (RuntimeException e) {
        LOG.error("processing the result of execution {} failed", last.id(), e);
      }
      running.done.complete(store.findExecution(last.id()).orElse(last));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.done.completeExceptionally(e);
    } catch (LateWriteException e) {
      LOG.warn("execution {}: {}", execution.id(), e.getMessage());
      running.done.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      LOG.error("execution {} failed unexpectedly", execution.id(), e);
      running.done.completeExceptionally(e);
    } finally {
      active.remove(execution.id());
      leases.release(execution.id());
      mdc.close();
    }
  }

  /** Moves a queued (or created, or retrying) execution to running; a running one stays. */
  private void toRunning(ExecutionRecorder recorder) {
    WorkflowState state = recorder.current().state();
    if (state == WorkflowState.CREATED) {
      recorder.moveTo(WorkflowState.QUEUED, Map.of("reason", "recovered"));
    }
    if (state != WorkflowState.RUNNING) {
      Execution now = recorder.moveTo(WorkflowState.RUNNING, Map.of());
      setWorkflowState(now.workflowId(), now);
    }
  }

  private void finish(ExecutionRecorder recorder, PipelineRun.Outcome outcome) {
    Map<String, Object> details =
        outcome.error() == null ? Map.of() : Map.of("error", outcome.error());
    Execution last = recorder.finish(outcome.state(), outcome.error(), details);
    setWorkflowState(last.workflowId(), last);
    LOG.info("execution {} {}", last.id(), last.state().wireName());
  }

  private void setWorkflowState(WorkflowId id, Execution execution) {
    for (int tries = 0; ; tries++) {
      Workflow workflow =
          store.findWorkflow(id).orElseThrow(() -> new NotFoundException("workflow", id.value()));
      try {
        store.updateWorkflow(
            workflow.withState(execution.state(), execution.id(), clock.instant()));
        return;
      } catch (dev.gantry.store.StaleVersionException e) {
        if (tries >= 5) {
          throw e;
        }
      }
    }
  }

  /** The handle of a running execution of this engine, if it runs here. */
  public java.util.Optional<ExecutionHandle> handle(ExecutionId id) {
    return java.util.Optional.ofNullable(active.get(id));
  }

  /**
   * Graceful shutdown ({@code docs/durability.md}): accepts no new executions, waits up to {@code
   * grace} for the running ones, then stops their running steps (containers stopped and removed,
   * steps back to {@code pending}) and leaves those executions {@code queued} with their leases
   * released, for the next start. Idempotent.
   */
  public void shutdown(Duration grace) {
    accepting = false;
    CompletableFuture<?>[] all =
        active.values().stream().map(r -> r.done).toArray(CompletableFuture<?>[]::new);
    if (all.length > 0) {
      LOG.info("shutdown: waiting up to {} s for {} executions", grace.toSeconds(), all.length);
      try {
        CompletableFuture.allOf(all).get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // the ones still running are stopped below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!active.isEmpty()) {
      LOG.info("shutdown: stopping the steps of {} executions; they stay queued", active.size());
      active.values().forEach(r -> r.run.suspend());
    }
    executions.shutdown();
    try {
      if (!executions.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("executions still running 60 s after they were stopped at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leases.close();
  }

  /** {@link #shutdown} without a grace period. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  private final class Running implements ExecutionHandle {
    private final Execution queued;
    private final PipelineRun run;
    private final CompletableFuture<Execution> done;
    private volatile boolean cancelRequested;

    Running(Execution queued, PipelineRun run, CompletableFuture<Execution> done) {
      this.queued = queued;
      this.run = run;
      this.done = done;
    }

    @Override
    public ExecutionId executionId() {
      return queued.id();
    }

    @Override
    public WorkflowId workflowId() {
      return queued.workflowId();
    }

    @Override
    public WorkflowState state() {
      return store.findExecution(queued.id()).map(Execution::state).orElse(queued.state());
    }

    @Override
    public Execution await(Duration timeout) throws TimeoutException, InterruptedException {
      try {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof dev.gantry.GantryException g) {
          throw g;
        }
        throw new IllegalStateException(
            "execution " + queued.id() + " failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }

    @Override
    public void cancel() {
      WorkflowState state = state();
      if (state.isTerminal() || done.isDone()) {
        throw new IllegalStateTransitionException(
            "execution " + queued.id(), state.wireName(), "cancelled", java.util.List.of());
      }
      cancelRequested = true;
      run.cancel();
    }
  }
}
