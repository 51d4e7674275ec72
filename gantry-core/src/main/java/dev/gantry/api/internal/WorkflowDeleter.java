package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowBusyException;
import dev.gantry.workflow.WorkflowId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a workflow with its executions, their history and results, and optionally its managed
 * containers. A workflow with an unfinished execution is refused unless the caller asks to cancel
 * it; only executions this instance runs can be cancelled here.
 */
public final class WorkflowDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowDeleter.class);

  /** How long a cancelled execution may take to stop before the deletion gives up. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

  private final Store store;
  private final TaskService tasks;
  private final ContainerOps containers;
  private final Function<ExecutionId, Optional<ExecutionHandle>> handles;
  private final Clock clock;

  public WorkflowDeleter(
      Store store,
      TaskService tasks,
      ContainerOps containers,
      Function<ExecutionId, Optional<ExecutionHandle>> handles,
      Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.containers = containers;
    this.handles = handles;
    this.clock = clock;
  }

  public WorkflowDeletion delete(String workflowId, boolean deleteContainers, boolean cancel) {
    if (workflowId == null || workflowId.isBlank()) {
      throw new InvalidInputException("workflow_id", "a workflow id is required");
    }
    WorkflowId id = WorkflowId.of(workflowId);
    Workflow workflow =
        store.findWorkflow(id).orElseThrow(() -> new NotFoundException("workflow", workflowId));
    List<Execution> unfinished =
        store.listExecutions(id).stream().filter(e -> !e.state().isTerminal()).toList();
    List<String> cancelled = new ArrayList<>();
    for (Execution e : unfinished) {
      if (!cancel) {
        throw new WorkflowBusyException(
            "workflow '"
                + workflowId
                + "' has an unfinished execution '"
                + e.id()
                + "' ("
                + e.state().wireName()
                + "); wait for it, cancel it first, or delete with cancel"
                + " (CLI: gantry workflow delete "
                + workflowId
                + " --cancel)");
      }
      cancelAndWait(workflowId, e);
      cancelled.add(e.id().value());
    }
    int removed = deleteContainers ? containers.deleteWorkflowContainers(workflowId) : 0;
    int executions = store.listExecutions(id).size();
    if (!store.deleteWorkflow(id)) {
      throw new NotFoundException("workflow", workflowId);
    }
    forget(workflow);
    LOG.info(
        "deleted workflow {} with {} execution(s) and {} container(s)",
        workflowId,
        executions,
        removed);
    return new WorkflowDeletion(workflowId, executions, cancelled, removed);
  }

  /**
   * When the task's metadata names the deleted workflow, its workflow keys are cleared (so {@code
   * getWorkflowStatus} no longer points at it) and {@code workflow_deleted_at} is set; the task's
   * status stays.
   */
  private void forget(Workflow workflow) {
    Optional<Task> task = store.findTask(workflow.taskId());
    if (task.isEmpty() || !workflow.id().value().equals(task.get().metadata().get("workflow_id"))) {
      return;
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    for (String key : task.get().metadata().keySet()) {
      if (key.startsWith("workflow_")) {
        meta.put(key, null);
      }
    }
    meta.put("workflow_deleted_at", clock.instant().toString());
    tasks.updateTask(workflow.taskId(), TaskPatch.builder().metadata(meta).build());
  }

  private void cancelAndWait(String workflowId, Execution e) {
    ExecutionHandle handle =
        handles
            .apply(e.id())
            .orElseThrow(
                () ->
                    new WorkflowBusyException(
                        "workflow '"
                            + workflowId
                            + "': execution '"
                            + e.id()
                            + "' is "
                            + e.state().wireName()
                            + " but not run by this Gantry instance, so it cannot be cancelled"
                            + " here; cancel it where it runs or wait until it finishes"));
    try {
      handle.cancel();
    } catch (GantryException finished) {
      LOG.debug("execution {} finished before it could be cancelled", e.id());
    }
    try {
      handle.await(CANCEL_WAIT);
    } catch (TimeoutException ex) {
      throw new WorkflowBusyException(
          "workflow '"
              + workflowId
              + "': execution '"
              + e.id()
              + "' did not stop within "
              + CANCEL_WAIT.toSeconds()
              + " s of being cancelled; try again");
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while cancelling execution " + e.id(), ex);
    }
  }
}
