package dev.gantry.api.internal;

import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates a task's workflow and finds it again (the seed's {@code create_workflow_from_task}). */
public final class TaskWorkflows {
  private static final Logger LOG = LoggerFactory.getLogger(TaskWorkflows.class);

  private final Store store;
  private final TaskService tasks;
  private final TaskSideEffects sideEffects;
  private final Clock clock;
  private final Lock[] locks = new Lock[64];

  public TaskWorkflows(Store store, TaskService tasks, TaskSideEffects sideEffects, Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.sideEffects = sideEffects;
    this.clock = clock;
    Arrays.setAll(locks, i -> new ReentrantLock());
  }

  /**
   * A new workflow for the task; the task becomes {@code in_progress} with {@code workflow_id} and
   * {@code workflow_created_at} in its metadata.
   */
  public Workflow create(TaskId taskId, String workflowName, Map<String, Object> customInputs) {
    Task task = tasks.getTask(taskId);
    Instant now = clock.instant();
    Workflow workflow =
        store.insertWorkflow(
            new Workflow(
                WorkflowId.random(),
                workflowName != null ? workflowName : task.name(),
                task.id(),
                customInputs == null ? Map.of() : Redaction.params(customInputs),
                WorkflowState.CREATED,
                null,
                now,
                now,
                0));
    sideEffects.workflowCreated(workflow);
    LOG.info("workflow {} created for task {}", workflow.id(), task.id());
    return workflow;
  }

  /** The workflow the task's metadata names, if it still exists. */
  public Optional<Workflow> existing(Task task) {
    Object id = task.metadata().get("workflow_id");
    return id instanceof String s ? store.findWorkflow(WorkflowId.of(s)) : Optional.empty();
  }

  /**
   * The task's workflow, created when it has none. Concurrent executions of a task that has no
   * workflow yet must share one: the check and the creation hold the task's lock.
   */
  public Workflow ofTask(TaskId taskId) {
    Lock lock = locks[Math.floorMod(taskId.hashCode(), locks.length)];
    lock.lock();
    try {
      return existing(tasks.getTask(taskId)).orElseGet(() -> create(taskId, null, Map.of()));
    } finally {
      lock.unlock();
    }
  }
}
