package dev.gantry.workflow;

import dev.gantry.config.RecoveryConfig;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepContainer;
import dev.gantry.runtime.StepRunner;
import dev.gantry.store.ExecutionLease;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery after a crash ({@code docs/durability.md}), at start-up and every {@code
 * recovery.reconcile_interval_seconds}: takes over the unfinished executions nobody holds a live
 * lease on (their owner died, or a shutdown left them queued) and runs them on here, then removes
 * the step containers no live attempt claims.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final List<WorkflowState> UNFINISHED =
      List.of(
          WorkflowState.CREATED,
          WorkflowState.QUEUED,
          WorkflowState.RUNNING,
          WorkflowState.RETRYING);

  /** What one pass did: the executions it took over and the orphaned containers it removed. */
  public record Report(List<String> resumedExecutions, List<String> removedContainers) {}

  private final Store store;
  private final WorkflowEngine engine;
  private final StepRunner runner;
  private final Consumer<Execution> onFinish;
  private final Clock clock;
  private volatile ScheduledExecutorService timer;

  /**
   * {@code onFinish} gets each recovered execution's final record, as {@link WorkflowEngine#start}.
   */
  public Reconciler(
      Store store,
      WorkflowEngine engine,
      StepRunner runner,
      Consumer<Execution> onFinish,
      Clock clock) {
    this.store = store;
    this.engine = engine;
    this.runner = runner;
    this.onFinish = onFinish;
    this.clock = clock;
  }

  /** Reconciles now and then every {@code config.reconcileInterval()} on a daemon thread. */
  public void startPeriodic(RecoveryConfig config) {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("gantry-reconciler").unstarted(r));
    long every = config.reconcileInterval().toMillis();
    timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.warn("reconciliation failed; it runs again later: {}", e.toString());
    } catch (Error e) {
      // An error escaping would silently end the periodic passes.
      LOG.error("reconciliation failed; it runs again later", e);
    }
  }

  /** One pass; safe to run on several instances at once (leases decide who takes what). */
  public synchronized Report reconcile() {
    List<String> resumed = new ArrayList<>();
    for (Execution candidate : store.listExecutionsInState(UNFINISHED)) {
      if (takeOver(candidate)) {
        resumed.add(candidate.id().value());
      }
    }
    for (ExecutionLease lease : store.listLeases()) {
      if (finishProcessing(lease)) {
        resumed.add(lease.executionId().value());
      }
    }
    List<String> removed = removeOrphans();
    if (!resumed.isEmpty() || !removed.isEmpty()) {
      LOG.info("reconciled: resumed executions {}, removed containers {}", resumed, removed);
    }
    return new Report(resumed, removed);
  }

  private boolean takeOver(Execution candidate) {
    if (engine.runs(candidate.id())) {
      return false;
    }
    Instant now = clock.instant();
    Optional<ExecutionLease> lease = store.findLease(candidate.id());
    if (lease.isPresent() && !lease.get().expiredAt(now)) {
      return false; // a live instance runs it (or is about to start it)
    }
    if (!engine.leases().claim(candidate.id())) {
      return false; // another instance took it first
    }
    Execution current = store.findExecution(candidate.id()).orElse(null);
    if (current == null || current.state().isTerminal()) {
      engine.leases().release(candidate.id());
      return false;
    }
    lease.ifPresent(
        l ->
            LOG.info("execution {}: lease of {} expired; taking it over", current.id(), l.owner()));
    try {
      engine.resume(current, onFinish);
      return true;
    } catch (RuntimeException e) {
      engine.leases().release(candidate.id());
      throw e;
    }
  }

  /**
   * An expired lease on a finished execution: its owner died after the final transition, before it
   * recorded the result and the task's side effects (the lease is released only after those). They
   * are recorded here; a lease of an execution that was never stored is dropped.
   */
  private boolean finishProcessing(ExecutionLease lease) {
    ExecutionId id = lease.executionId();
    if (!lease.expiredAt(clock.instant()) || engine.runs(id)) {
      return false;
    }
    Optional<Execution> execution = store.findExecution(id);
    if (execution.isPresent() && !execution.get().state().isTerminal()) {
      return false; // unfinished: takeOver handles it
    }
    if (!engine.leases().claim(id)) {
      return false;
    }
    try {
      if (execution.isEmpty()) {
        return false;
      }
      LOG.info(
          "execution {} ended {} but its owner {} died before recording its result; recording it",
          id,
          execution.get().state().wireName(),
          lease.owner());
      onFinish.accept(execution.get());
      return true;
    } finally {
      engine.leases().release(id);
    }
  }

  /**
   * Removes the step containers of no live attempt: their execution (in this store) is finished or
   * its step is not running that attempt any more, or their execution is unknown and they carry
   * this instance's owner id. Containers of executions this store does not know are left to the
   * Gantry that knows them; containers without a {@code gantry.execution} label (managed
   * containers) are left alone.
   */
  private List<String> removeOrphans() {
    List<StepContainer> containers;
    try {
      containers = runner.findStepContainers(Map.of());
    } catch (UnsupportedOperationException e) {
      LOG.debug("no orphan cleanup: {}", e.getMessage());
      return List.of();
    }
    List<String> removed = new ArrayList<>();
    for (StepContainer c : containers) {
      String execution = c.labels().get(Labels.EXECUTION);
      if (execution != null && !claimed(c, execution)) {
        LOG.info("removing orphaned container {} (labels {})", c.id(), c.labels());
        runner.removeContainer(c.id());
        removed.add(c.id());
      }
    }
    return removed;
  }

  private boolean claimed(StepContainer c, String executionId) {
    Optional<Execution> execution = store.findExecution(ExecutionId.of(executionId));
    if (execution.isEmpty()) {
      // Not in this store: another Gantry on the same engine may own it, unless it says we do.
      return !engine.leases().owner().equals(c.labels().get(Labels.OWNER));
    }
    if (execution.get().state().isTerminal()) {
      return false;
    }
    String step = c.labels().get(Labels.STEP);
    StepRun run = execution.get().stepsByName().get(step);
    if (run == null || run.state() != StepState.RUNNING) {
      return false;
    }
    return String.valueOf(run.attempts().size() + 1).equals(c.labels().get(Labels.ATTEMPT));
  }

  /** Stops the periodic passes. */
  @Override
  public void close() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
      try {
        t.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
