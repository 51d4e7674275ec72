package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchOutcome;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.api.internal.BatchPlanner.PlannedTask;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.IllegalStateTransitionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running batch: starts each planned task's workflow once its dependencies completed, at most
 * {@code concurrency} at once; blocks the dependents of a task that failed; reports every change to
 * the listener; ends with a result for every task.
 */
final class BatchRun implements BatchHandle {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);
  private static final Object WAKE = new Object();

  /** What the batch does to tasks besides running their workflows. */
  interface TaskMarks {
    /** The task is {@code blocked} because of {@code reason}. */
    void blocked(Task task, String reason, String batchId);

    /** The task's workflow could not start. */
    void failedToStart(Task task, String reason, String batchId);
  }

  private record Finished(PlannedTask planned, WorkflowRunResult result, RuntimeException error) {}

  private final String id;
  private final BatchRequest request;
  private final int concurrency;
  private final List<PlannedTask> plan;
  private final Set<TaskId> inBatch = new HashSet<>();
  private final Function<Task, ExecutionHandle> launcher;
  private final TaskMarks marks;
  private final Consumer<BatchProgress> listener;
  private final Clock clock;
  private final Instant startedAt;

  private final Map<TaskId, BatchTaskResult> results = new ConcurrentHashMap<>();
  private final Set<TaskId> satisfied = ConcurrentHashMap.newKeySet();
  private final Map<TaskId, ExecutionHandle> inFlight = new ConcurrentHashMap<>();
  private final Map<TaskId, Instant> started = new ConcurrentHashMap<>();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<BatchResult> done = new CompletableFuture<>();
  private volatile boolean cancelRequested;
  private volatile BatchProgress last;

  BatchRun(
      String id,
      BatchRequest request,
      int concurrency,
      List<PlannedTask> plan,
      Function<Task, ExecutionHandle> launcher,
      TaskMarks marks,
      Consumer<BatchProgress> listener,
      Clock clock) {
    this.id = id;
    this.request = request;
    this.concurrency = concurrency;
    this.plan = List.copyOf(plan);
    plan.forEach(p -> inBatch.add(p.id()));
    this.launcher = launcher;
    this.marks = marks;
    this.listener = listener;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.last = progress("planned", null, null);
  }

  /** Runs the batch to its end (on the caller's thread). */
  void run() {
    try {
      for (PlannedTask p : plan) {
        if (p.preset() != null) {
          if (p.preset() == BatchOutcome.BLOCKED) {
            marks.blocked(p.task(), p.reason(), id);
          }
          end(p, p.preset(), p.reason());
          if (p.satisfied()) {
            satisfied.add(p.id());
          }
        }
      }
      schedule();
      done.complete(result());
      LOG.info("batch {} finished: {}", id, result().counts());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelAll();
      done.completeExceptionally(new GantryException("batch " + id + " was interrupted", e));
    } catch (RuntimeException | Error e) {
      LOG.error("batch {} failed unexpectedly", id, e);
      cancelAll();
      done.completeExceptionally(e);
    }
  }

  private void schedule() throws InterruptedException {
    while (true) {
      for (PlannedTask p : plan) {
        if (results.containsKey(p.id()) || inFlight.containsKey(p.id())) {
          continue;
        }
        if (cancelRequested) {
          end(p, BatchOutcome.SKIPPED, "the batch was cancelled before the task started");
          continue;
        }
        Decision d = dependencies(p);
        if (d.outcome() == BatchOutcome.BLOCKED) {
          marks.blocked(p.task(), d.reason(), id);
          end(p, BatchOutcome.BLOCKED, d.reason());
        } else if (d.outcome() == BatchOutcome.SKIPPED) {
          end(p, BatchOutcome.SKIPPED, d.reason());
        } else if (d.ready() && inFlight.size() < concurrency) {
          launch(p);
        }
      }
      if (inFlight.isEmpty()) {
        return;
      }
      Object event = events.take();
      do {
        if (event instanceof Finished f) {
          finished(f);
        }
      } while ((event = events.poll()) != null);
    }
  }

  /** What the task's dependencies in the batch say: wait, run, or a decision. */
  private record Decision(boolean ready, BatchOutcome outcome, String reason) {}

  private Decision dependencies(PlannedTask p) {
    boolean ready = true;
    for (TaskId dep : p.task().dependsOn()) {
      if (!inBatch.contains(dep) || satisfied.contains(dep)) {
        continue;
      }
      BatchTaskResult r = results.get(dep);
      if (r == null) {
        ready = false;
        continue;
      }
      String what =
          switch (r.outcome()) {
            case FAILED -> "failed";
            case BLOCKED -> "is blocked";
            case CANCELLED -> "was cancelled";
            default -> null;
          };
      if (what != null) {
        String why = r.reason() == null ? "" : ": " + r.reason();
        return new Decision(false, BatchOutcome.BLOCKED, "dependency '" + dep + "' " + what + why);
      }
      return new Decision(
          false, BatchOutcome.SKIPPED, "dependency '" + dep + "' was skipped: " + r.reason());
    }
    return new Decision(ready, null, null);
  }

  private void launch(PlannedTask p) {
    ExecutionHandle handle;
    synchronized (this) {
      if (cancelRequested) {
        return;
      }
      try {
        handle = launcher.apply(p.task());
      } catch (RuntimeException e) {
        String reason = "workflow could not start: " + e.getMessage();
        marks.failedToStart(p.task(), reason, id);
        end(p, BatchOutcome.FAILED, reason);
        return;
      }
      inFlight.put(p.id(), handle);
      started.put(p.id(), clock.instant());
    }
    emit("started", p.id(), null);
    Thread.ofVirtual()
        .name("batch-" + id + "-" + p.id())
        .start(
            () -> {
              try {
                events.add(new Finished(p, RunResults.await(handle), null));
              } catch (RuntimeException e) {
                events.add(new Finished(p, null, e));
              }
            });
  }

  private void finished(Finished f) {
    PlannedTask p = f.planned();
    inFlight.remove(p.id());
    Instant now = clock.instant();
    Instant start = started.get(p.id());
    WorkflowRunResult r = f.result();
    BatchTaskResult result;
    if (r == null) {
      result =
          new BatchTaskResult(
              p.id().value(),
              p.task().name(),
              BatchOutcome.FAILED,
              f.error().getMessage(),
              null,
              null,
              null,
              false,
              start,
              now);
    } else {
      BatchOutcome outcome =
          r.success()
              ? BatchOutcome.COMPLETED
              : "cancelled".equals(r.status()) ? BatchOutcome.CANCELLED : BatchOutcome.FAILED;
      result =
          new BatchTaskResult(
              p.id().value(),
              p.task().name(),
              outcome,
              r.success() ? null : r.error(),
              r.workflowId(),
              r.executionId(),
              r.status(),
              r.cached(),
              start,
              now);
      if (r.success()) {
        satisfied.add(p.id());
      }
    }
    record(result);
  }

  private void end(PlannedTask p, BatchOutcome outcome, String reason) {
    record(
        BatchTaskResult.notRun(p.id().value(), p.task().name(), outcome, reason, clock.instant()));
  }

  private void record(BatchTaskResult result) {
    results.put(TaskId.of(result.taskId()), result);
    emit(result.outcome().wireName(), TaskId.of(result.taskId()), result);
  }

  private void emit(String event, TaskId taskId, BatchTaskResult result) {
    BatchProgress progress = progress(event, taskId, result);
    last = progress;
    if (listener == null) {
      return;
    }
    try {
      listener.accept(progress);
    } catch (RuntimeException e) {
      LOG.warn("progress listener of batch {} failed", id, e);
    }
  }

  private BatchProgress progress(String event, TaskId taskId, BatchTaskResult result) {
    int[] counts = new int[BatchOutcome.values().length];
    results.values().forEach(r -> counts[r.outcome().ordinal()]++);
    return new BatchProgress(
        id,
        event,
        taskId == null ? null : taskId.value(),
        result,
        plan.size(),
        results.size(),
        inFlight.size(),
        counts[BatchOutcome.COMPLETED.ordinal()],
        counts[BatchOutcome.FAILED.ordinal()],
        counts[BatchOutcome.BLOCKED.ordinal()],
        counts[BatchOutcome.SKIPPED.ordinal()],
        counts[BatchOutcome.CANCELLED.ordinal()]);
  }

  private BatchResult result() {
    List<BatchTaskResult> tasks = new ArrayList<>();
    plan.forEach(p -> tasks.add(results.get(p.id())));
    return new BatchResult(
        id,
        request.projectId(),
        request.phaseId(),
        request.status(),
        concurrency,
        cancelRequested,
        startedAt,
        clock.instant(),
        tasks);
  }

  @Override
  public String batchId() {
    return id;
  }

  @Override
  public BatchProgress progress() {
    return last;
  }

  @Override
  public boolean isDone() {
    return done.isDone();
  }

  @Override
  public BatchResult await(Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new GantryException("batch " + id + " failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void cancel() {
    if (done.isDone()) {
      throw new GantryException("batch " + id + " already finished; there is nothing to cancel");
    }
    LOG.info("cancelling batch {}", id);
    cancelAll();
  }

  private void cancelAll() {
    List<ExecutionHandle> running;
    synchronized (this) {
      cancelRequested = true;
      running = List.copyOf(inFlight.values());
    }
    for (ExecutionHandle h : running) {
      try {
        h.cancel();
      } catch (IllegalStateTransitionException e) {
        LOG.debug("execution {} of batch {} already ended", h.executionId(), id);
      }
    }
    events.add(WAKE);
  }
}
