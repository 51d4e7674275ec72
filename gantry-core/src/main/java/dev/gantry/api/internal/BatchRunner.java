package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.internal.Ids;
import dev.gantry.store.Store;
import dev.gantry.task.PhaseId;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDependencies;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.ExecutionId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's batch operations: {@code createWorkflowsForProject} and {@code
 * executeWorkflowsForProject} over the tasks of a project selected by phase and status, in
 * dependency order, with bounded concurrency. Keeps the batches of this instance so that they can
 * be cancelled by id. See {@code docs/batches.md}.
 */
public final class BatchRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);
  private static final int KEPT_BATCHES = 100;
  private static final Duration CANCEL_WAIT = Duration.ofMinutes(2);

  private final Store store;
  private final TaskService tasks;
  private final TaskWorkflows workflows;
  private final WorkflowLauncher launcher;
  private final int defaultConcurrency;
  private final Clock clock;
  private final Map<String, BatchRun> batches =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchRun> eldest) {
          return size() > KEPT_BATCHES && eldest.getValue().isDone();
        }
      };

  public BatchRunner(
      Store store,
      TaskService tasks,
      TaskWorkflows workflows,
      WorkflowLauncher launcher,
      int defaultConcurrency,
      Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.workflows = workflows;
    this.launcher = launcher;
    this.defaultConcurrency = defaultConcurrency;
    this.clock = clock;
  }

  /** Creates a workflow for each selected task, in dependency order; task id → workflow id. */
  public Map<String, String> createWorkflows(String projectId, String phaseId, String status) {
    List<Task> selected = select(projectId, phaseId, status);
    Map<String, String> ids = new LinkedHashMap<>();
    for (TaskId id : TaskDependencies.order(TaskDependencies.of(selected))) {
      ids.put(id.value(), workflows.create(id, null, Map.of()).id().value());
    }
    return ids;
  }

  /** Runs the batch and waits for it; an interrupt cancels it. */
  public BatchResult run(BatchRequest request, Consumer<BatchProgress> listener) {
    BatchHandle handle = start(request, listener);
    try {
      return handle.await(Duration.ofDays(365));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.cancel();
      throw new GantryException("interrupted while waiting for batch " + handle.batchId());
    } catch (TimeoutException e) {
      throw new GantryException("batch " + handle.batchId() + " did not finish", e);
    }
  }

  /**
   * Plans the batch (a dependency cycle or a bad filter is an exception here) and starts it on a
   * virtual thread.
   */
  public BatchHandle start(BatchRequest request, Consumer<BatchProgress> listener) {
    String type = WorkflowTypes.check(request.workflowType());
    int concurrency = concurrency(request.concurrency());
    List<Task> selected = select(request.projectId(), request.phaseId(), request.status());
    var plan = BatchPlanner.plan(selected, this::find, this::activeExecution, request.force());
    String id = Ids.random("batch");
    BatchRun run =
        new BatchRun(
            id,
            request,
            concurrency,
            plan,
            task ->
                launcher.launch(
                    task.id().value(), type, request.workflowParams(), request.skipCache()),
            new Marks(),
            listener,
            clock);
    synchronized (batches) {
      batches.put(id, run);
    }
    LOG.info(
        "batch {} of project {}: {} task(s), concurrency {}",
        id,
        request.projectId(),
        plan.size(),
        concurrency);
    Thread.ofVirtual().name("batch-" + id).start(run::run);
    return run;
  }

  /** The batch of this instance with that id (running or among the last finished ones). */
  public Optional<BatchHandle> handle(String batchId) {
    synchronized (batches) {
      return Optional.ofNullable(batches.get(batchId));
    }
  }

  /** Cancels the batch and waits (up to two minutes) for its tasks to settle. */
  public BatchResult cancel(String batchId) {
    BatchHandle handle = handle(batchId).orElseThrow(() -> new NotFoundException("batch", batchId));
    handle.cancel();
    try {
      return handle.await(CANCEL_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while cancelling batch " + batchId);
    } catch (TimeoutException e) {
      throw new GantryException(
          "batch " + batchId + " was cancelled but its executions did not end within 2 minutes");
    }
  }

  /** The execution the task's metadata names, when it has not ended. */
  private Optional<String> activeExecution(Task task) {
    return task.metadata().get("workflow_execution_id") instanceof String id
        ? store
            .findExecution(ExecutionId.of(id))
            .filter(e -> !e.state().isTerminal())
            .map(e -> e.id().value())
        : Optional.empty();
  }

  private Optional<Task> find(TaskId id) {
    try {
      return Optional.of(tasks.getTask(id));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private int concurrency(Integer requested) {
    if (requested == null) {
      return defaultConcurrency;
    }
    if (requested < 1) {
      throw new InvalidInputException(
          "concurrency", "expected a positive integer, got " + requested);
    }
    return requested;
  }

  private List<Task> select(String projectId, String phaseId, String status) {
    if (projectId == null || projectId.isBlank()) {
      throw new InvalidInputException("project_id", "is required");
    }
    ProjectId project = tasks.getProject(ProjectId.of(projectId)).id();
    PhaseId phase = null;
    if (phaseId != null) {
      phase = tasks.getPhase(PhaseId.of(phaseId)).id();
      if (!tasks.getPhase(phase).projectId().equals(project)) {
        throw new InvalidInputException(
            "phase_id",
            "phase '" + phaseId + "' belongs to another project than '" + projectId + "'");
      }
    }
    TaskStatus taskStatus = status == null ? null : TaskStatus.parse(status);
    return tasks.listTasks(new TaskFilter(project, phase, taskStatus, null));
  }

  /** Cancels the batches still running (at shutdown). */
  @Override
  public void close() {
    List<BatchRun> running;
    synchronized (batches) {
      running = batches.values().stream().filter(b -> !b.isDone()).toList();
    }
    for (BatchRun b : running) {
      try {
        b.cancel();
      } catch (GantryException e) {
        LOG.debug("batch {} ended meanwhile", b.batchId());
      }
    }
  }

  /** Blocked and failed-to-start tasks, written with the reason and the batch id. */
  private final class Marks implements BatchRun.TaskMarks {
    @Override
    public void blocked(Task task, String reason, String batchId) {
      tasks.updateTask(
          task.id(),
          TaskPatch.builder()
              .status(TaskStatus.BLOCKED)
              .error(reason)
              .metadata(Map.of("blocked_reason", reason, "batch_id", batchId))
              .build());
    }

    @Override
    public void failedToStart(Task task, String reason, String batchId) {
      tasks.updateTask(
          task.id(),
          TaskPatch.builder()
              .status(TaskStatus.FAILED)
              .error(reason)
              .metadata(Map.of("workflow_error", reason, "batch_id", batchId))
              .build());
    }
  }
}
