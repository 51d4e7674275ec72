package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.cache.WorkflowCacheEntry;
import dev.gantry.cache.WorkflowCacheKey;
import dev.gantry.cache.WorkflowCacheManager;
import dev.gantry.config.GantryConfig;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.WorkflowResult;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow cache in {@code executeTaskWorkflow}: before a run, a valid entry for the same task,
 * workflow type, parameters and pipeline answers it without running anything (the task is updated
 * as on success, with {@code workflow_cached=true}); after a successful run, its result is stored.
 * {@code workflow_defaults.caching_enabled=false} or {@code skip_cache=true} bypasses both. A cache
 * that cannot be read or written is logged and bypassed, never fails a run.
 */
public final class WorkflowCacheHook {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowCacheHook.class);

  private final WorkflowCacheManager manager;
  private final Store store;
  private final TaskService tasks;
  private final Clock clock;
  private final Map<ExecutionId, WorkflowCacheKey> pending = new ConcurrentHashMap<>();

  public WorkflowCacheHook(GantryConfig config, Store store, TaskService tasks, Clock clock) {
    this.manager = WorkflowCacheManager.of(config, clock);
    this.store = store;
    this.tasks = tasks;
    this.clock = clock;
  }

  public WorkflowCacheManager manager() {
    return manager;
  }

  /** The cache key of this run, or null when the run does not use the cache. */
  public WorkflowCacheKey key(
      Task task, String type, Map<String, Object> params, PipelineSpec pipeline, boolean skip) {
    if (!manager.enabled() || skip) {
      return null;
    }
    return WorkflowCacheKey.of(task.id().value(), type, params, pipeline);
  }

  /**
   * The completed handle of the earlier execution when the cache holds a result for {@code key}
   * (then {@code task}, the key's task as just read, is updated as on success), else null.
   */
  public CachedRun serve(Task task, WorkflowCacheKey key) {
    if (key == null) {
      return null;
    }
    Optional<WorkflowCacheEntry> hit;
    try {
      hit = manager.get(key);
    } catch (GantryException e) {
      LOG.warn("workflow cache not used: {}", e.getMessage());
      return null;
    }
    if (hit.isEmpty()) {
      return null;
    }
    WorkflowCacheEntry entry = hit.get();
    Optional<Execution> original = store.findExecution(ExecutionId.of(entry.executionId()));
    if (original.isEmpty() || !original.get().state().isSuccessful()) {
      LOG.info(
          "workflow cache entry {} refers to execution {} which the store does not hold; running"
              + " again",
          entry.key(),
          entry.executionId());
      manager.invalidate(key);
      return null;
    }
    taskServedFromCache(task, original.get(), entry);
    LOG.info(
        "task {}: {} answered from the workflow cache (execution {} of {})",
        key.taskId(),
        key.workflowType(),
        entry.executionId(),
        entry.createdAt());
    return new CachedRun(original.get(), entry);
  }

  /** Remembers the key of a run that was started, to store its result if it succeeds. */
  public void expect(ExecutionId execution, WorkflowCacheKey key) {
    if (key != null) {
      pending.put(execution, key);
    }
  }

  /** Stores the result of a finished run that expected it, if it succeeded. */
  public void finished(Execution execution, WorkflowResult result) {
    WorkflowCacheKey key = pending.remove(execution.id());
    if (key == null || !result.success()) {
      return;
    }
    try {
      manager.put(
          key,
          execution.workflowId().value(),
          execution.id().value(),
          execution.state().wireName(),
          result.result());
    } catch (GantryException e) {
      LOG.warn("result of execution {} not cached: {}", execution.id(), e.getMessage());
    }
  }

  /**
   * Updates {@code task} (read by the caller just before) as on success, without reading it again.
   */
  private void taskServedFromCache(Task task, Execution original, WorkflowCacheEntry entry) {
    String now = clock.instant().toString();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("workflow_id", entry.workflowId());
    meta.put("workflow_execution_id", entry.executionId());
    meta.put("workflow_type", entry.workflowType());
    meta.put("workflow_started_at", now);
    meta.put("workflow_completed_at", now);
    meta.put("workflow_status", original.state().wireName());
    meta.put("workflow_cached", true);
    meta.put("workflow_cached_at", entry.createdAt().toString());
    tasks.updateTask(
        task,
        TaskPatch.builder()
            .status(TaskStatus.COMPLETED)
            .progress(100)
            .result(entry.result())
            .clearError()
            .metadata(meta)
            .build());
  }
}
