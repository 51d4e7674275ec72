package dev.gantry.api.internal;

import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.ResultProcessor;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowEngine;
import dev.gantry.workflow.WorkflowResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a task's workflow run: resolves the pipeline before anything is written, answers from the
 * workflow cache when it can, else enqueues an execution and records its result and the task's side
 * effects when it finishes.
 */
public final class WorkflowLauncher {
  private final Store store;
  private final TaskService tasks;
  private final WorkflowTypes types;
  private final TaskWorkflows workflows;
  private final WorkflowCacheHook cache;
  private final WorkflowEngine engine;
  private final TaskSideEffects sideEffects;
  private final ResultProcessor results;
  private final SourceDirectories sources;

  public WorkflowLauncher(
      Store store,
      TaskService tasks,
      WorkflowTypes types,
      TaskWorkflows workflows,
      WorkflowCacheHook cache,
      WorkflowEngine engine,
      TaskSideEffects sideEffects,
      ResultProcessor results,
      SourceDirectories sources) {
    this.store = store;
    this.tasks = tasks;
    this.types = types;
    this.workflows = workflows;
    this.cache = cache;
    this.engine = engine;
    this.sideEffects = sideEffects;
    this.results = results;
    this.sources = sources;
  }

  public ExecutionHandle launch(
      String taskId, String workflowType, Map<String, Object> workflowParams, boolean skipCache) {
    engine.checkAccepting("the workflow of task " + taskId);
    Task task = tasks.getTask(TaskId.of(taskId));
    String type = WorkflowTypes.check(workflowType);
    Optional<Workflow> existing = workflows.existing(task);
    Map<String, Object> params = new LinkedHashMap<>();
    existing.ifPresent(w -> params.putAll(w.inputs()));
    if (workflowParams != null) {
      params.putAll(workflowParams);
    }
    // Resolve the pipeline before anything is written: a bad definition changes nothing.
    PipelineSpec pipeline = types.pipelineFor(task, type, params);
    sources.attach(params);
    var cacheKey = cache.key(task, type, params, pipeline, skipCache);
    if (cache.serve(task, cacheKey) instanceof CachedRun hit) {
      return hit;
    }
    Workflow workflow = existing.orElseGet(() -> workflows.ofTask(task.id()));
    Map<String, Object> stored = Redaction.params(params);
    stored.put("skip_cache", skipCache);
    Execution queued = engine.enqueue(workflow, type, stored, pipeline);
    sideEffects.executionStarted(queued);
    cache.expect(queued.id(), cacheKey);
    return engine.start(queued, this::onFinished);
  }

  /**
   * Records the result of a finished execution (also of one recovered from another instance): the
   * result, the task's side effects, the workflow cache.
   */
  public void onFinished(Execution execution) {
    WorkflowResult result = results.process(execution);
    Execution current = store.findExecution(execution.id()).orElse(execution);
    store.updateExecution(current.withOutcome(result.result(), current.error()));
    sideEffects.executionFinished(execution, result);
    cache.finished(execution, result);
  }
}
