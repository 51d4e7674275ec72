package dev.gantry.api;

import dev.gantry.NotFoundException;
import dev.gantry.api.internal.ApiViews;
import dev.gantry.api.internal.BatchRunner;
import dev.gantry.api.internal.ContainerOps;
import dev.gantry.api.internal.ContainerSecrets;
import dev.gantry.api.internal.ExecutionCancels;
import dev.gantry.api.internal.Providers;
import dev.gantry.api.internal.RunResults;
import dev.gantry.api.internal.SourceDirectories;
import dev.gantry.api.internal.TaskPipelines;
import dev.gantry.api.internal.TaskSideEffects;
import dev.gantry.api.internal.TaskWorkflows;
import dev.gantry.api.internal.WorkflowCacheHook;
import dev.gantry.api.internal.WorkflowDeleter;
import dev.gantry.api.internal.WorkflowLauncher;
import dev.gantry.api.internal.WorkflowTypes;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.internal.Ids;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.template.LoadProblem;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.resilience.Sleeper;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.LogFollow;
import dev.gantry.runtime.StepRunner;
import dev.gantry.secret.SecretResolver;
import dev.gantry.store.Store;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.FileArtifactStore;
import dev.gantry.workflow.Reconciler;
import dev.gantry.workflow.ResultProcessor;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowEngine;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowStatusManager;
import dev.gantry.workflow.internal.StepExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gantry's public Java API: the seed's {@code TaskWorkflowIntegration}, one method per seed method
 * in camelCase. Create it with {@link #create(Path, Path)} (the seed's {@code
 * get_task_workflow_integration}) or {@link #builder(GantryConfig)}; close it when done.
 */
public final class TaskWorkflowIntegration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskWorkflowIntegration.class);

  private final GantryConfig config;
  private final Store store;
  private final StepRunner runner;
  private final TaskService tasks;
  private final WorkflowEngine engine;
  private final WorkflowStatusManager status;
  private final TaskPipelines pipelines;
  private final WorkflowCacheHook cache;
  private final String ownerId;
  private final TaskWorkflows workflows;
  private final ContainerOps containers;
  private final WorkflowLauncher launcher;
  private final WorkflowDeleter deleter;
  private final BatchRunner batches;
  private final ExecutionCancels cancels;
  private final Reconciler reconciler;
  private boolean closed;

  private TaskWorkflowIntegration(Builder b) {
    this.config = b.config;
    Clock clock = b.clock;
    this.store = b.store != null ? b.store : Providers.openStore(config);
    this.runner = b.runner != null ? b.runner : Providers.openRunner(config);
    this.ownerId = b.ownerId != null ? b.ownerId : Ids.random("gantry");
    this.tasks = new TaskService(store, clock);
    this.status = new WorkflowStatusManager(store, clock);
    WorkflowTypes types = new WorkflowTypes(store, config);
    TaskSideEffects sideEffects = new TaskSideEffects(tasks, clock);
    this.workflows = new TaskWorkflows(store, tasks, sideEffects, clock);
    this.pipelines =
        new TaskPipelines(
            store,
            tasks,
            types.parser(),
            TemplateCatalog.load(config.templatesDir()),
            config.runtime().defaultImage(),
            clock);
    this.cache = new WorkflowCacheHook(config, store, tasks, clock);
    FileArtifactStore artifacts =
        new FileArtifactStore(config.dataDirectory().resolve("artifacts"));
    StepExecutor steps =
        new StepExecutor(
            runner,
            artifacts,
            config,
            new SecretResolver(config.secrets(), b.environment),
            ownerId,
            clock,
            b.sleeper,
            b.random);
    this.engine = new WorkflowEngine(store, steps, config, clock, ownerId);
    ResultProcessor results = new ResultProcessor(store, clock);
    this.launcher =
        new WorkflowLauncher(
            store,
            tasks,
            types,
            workflows,
            cache,
            engine,
            sideEffects,
            results,
            new SourceDirectories(config, artifacts));
    this.containers =
        new ContainerOps(
            store,
            ownerId,
            () -> Providers.openContainers(config, runner),
            config.runtime(),
            new ContainerSecrets(config.secrets(), b.environment));
    this.deleter = new WorkflowDeleter(store, tasks, containers, engine::handle, clock);
    this.batches =
        new BatchRunner(
            store, tasks, workflows, launcher, config.runtime().maxParallelWorkflows(), clock);
    this.cancels =
        new ExecutionCancels(
            store,
            engine,
            sideEffects,
            results,
            () -> Providers.openContainers(config, runner),
            clock);
    this.reconciler = new Reconciler(store, engine, runner, launcher::onFinished, clock);
    if (b.recovery) {
      reconciler.startPeriodic(config.recovery());
    }
  }

  /**
   * The seed's {@code get_task_workflow_integration(dagger_config_path, templates_dir)}: loads the
   * YAML config, opens the configured store and runtime.
   */
  public static TaskWorkflowIntegration create(Path configPath, Path templatesDir) {
    GantryConfig config = new ConfigLoader().load(configPath);
    if (templatesDir != null) {
      config = config.withTemplatesDir(templatesDir);
    }
    LOG.info("effective configuration:\n{}", ConfigLoader.describe(config));
    return builder(config).build();
  }

  public static Builder builder(GantryConfig config) {
    return new Builder(config);
  }

  public GantryConfig config() {
    return config;
  }

  /** The task manager (projects, phases, tasks). */
  public TaskService tasks() {
    return tasks;
  }

  /** Workflow status queries (the seed's WorkflowStatusManager). */
  public WorkflowStatusManager statusManager() {
    return status;
  }

  /** The id this instance puts in the {@code gantry.owner} label of its containers. */
  public String ownerId() {
    return ownerId;
  }

  // ---- workflows

  /**
   * Creates a workflow for the task; the task becomes {@code in_progress} with {@code workflow_id}
   * and {@code workflow_created_at} in its metadata.
   */
  public WorkflowInfo createWorkflowFromTask(
      String taskId, String workflowName, Map<String, Object> customInputs) {
    return ApiViews.workflowInfo(workflows.create(TaskId.of(taskId), workflowName, customInputs));
  }

  /**
   * Runs the task's workflow and waits for it. A failed run is returned as a result with {@code
   * success=false}; an unknown task or a bad definition is an exception.
   */
  public WorkflowRunResult executeTaskWorkflow(
      String taskId, String workflowType, Map<String, Object> workflowParams, boolean skipCache) {
    return RunResults.await(
        executeTaskWorkflowAsync(taskId, workflowType, workflowParams, skipCache));
  }

  /**
   * Starts the task's workflow and returns at once with a handle; the execution is stored as {@code
   * queued} before this returns.
   */
  public ExecutionHandle executeTaskWorkflowAsync(
      String taskId, String workflowType, Map<String, Object> workflowParams, boolean skipCache) {
    return launcher.launch(taskId, workflowType, workflowParams, skipCache);
  }

  /**
   * Cancels an execution by id: running containers are stopped, pending steps cancelled, the
   * execution ends {@code cancelled} and its task is updated; returns the final record. Cancelling
   * an execution that already ended throws {@link
   * dev.gantry.workflow.IllegalStateTransitionException}.
   */
  public Execution cancelExecution(String executionId) {
    return cancels.cancel(executionId);
  }

  // ---- batches (docs/batches.md)

  /**
   * The seed's {@code create_workflows_for_project}: a new workflow for each task of the project
   * ({@code phaseId}, {@code status}: optional filters), in dependency order; task id → workflow
   * id.
   */
  public Map<String, String> createWorkflowsForProject(
      String projectId, String phaseId, String status) {
    return batches.createWorkflows(projectId, phaseId, status);
  }

  /**
   * The seed's {@code execute_workflows_for_project}: runs the selected tasks' workflows, each
   * after its dependencies, at most {@code concurrency} at once ({@code null}: {@code
   * runtime.max_parallel_workflows}), and returns a result per task.
   */
  public BatchResult executeWorkflowsForProject(
      String projectId,
      String phaseId,
      String status,
      String workflowType,
      boolean skipCache,
      Integer concurrency) {
    return batches.run(
        BatchRequest.builder(projectId)
            .phaseId(phaseId)
            .status(status)
            .workflowType(workflowType)
            .skipCache(skipCache)
            .concurrency(concurrency)
            .build(),
        null);
  }

  /** Runs a batch and waits for it; {@code listener} (may be null) gets every progress event. */
  public BatchResult executeWorkflowsForProject(
      BatchRequest request, Consumer<BatchProgress> listener) {
    return batches.run(request, listener);
  }

  /** Starts a batch and returns at once with its handle (progress, await, cancel). */
  public BatchHandle executeWorkflowsForProjectAsync(
      BatchRequest request, Consumer<BatchProgress> listener) {
    return batches.start(request, listener);
  }

  /** A batch of this instance by id, running or recently finished. */
  public Optional<BatchHandle> batchHandle(String batchId) {
    return batches.handle(batchId);
  }

  /**
   * Cancels a running batch: its running executions are cancelled, tasks not started end {@code
   * skipped}; returns the final result. An unknown or finished batch is an error.
   */
  public BatchResult cancelBatch(String batchId) {
    return batches.cancel(batchId);
  }

  /**
   * Parses a custom definition (YAML, JSON or a Map, e.g. the seed's {@code
   * {"steps":[{"name":"step1","command":"echo 'Hello, World!'"}]}}) and stores it as the task's
   * pipeline.
   */
  public PipelineInfo createCustomPipeline(String taskId, Object pipelineDefinition) {
    return pipelines.createCustom(taskId, pipelineDefinition);
  }

  /**
   * Converts the task to a pipeline with a template (parameters: template defaults &lt; the task's
   * {@code metadata.pipeline_parameters} &lt; {@code parameters}) and stores it as the task's
   * pipeline, which {@link #executeTaskWorkflow} then runs. See {@code docs/templates.md}.
   */
  public PipelineInfo convertTaskToPipeline(
      String taskId, String templateId, Map<String, Object> parameters) {
    return pipelines.convert(taskId, templateId, parameters);
  }

  /** The templates of {@code category} ({@code null}: all), sorted by id. */
  public List<PipelineTemplate> listPipelineTemplates(String category) {
    return pipelines.catalog().list(category);
  }

  public PipelineTemplate getPipelineTemplate(String templateId) {
    return pipelines.catalog().get(templateId);
  }

  public List<String> getPipelineTemplateCategories() {
    return pipelines.catalog().categories();
  }

  /** The template files that did not load, with their reasons. */
  public List<LoadProblem> templateLoadProblems() {
    return pipelines.catalog().problems();
  }

  /** Reads the templates directory again. */
  public void reloadTemplates() {
    pipelines.catalog().reload();
  }

  /** The task's workflow status, read from its metadata and its latest execution. */
  public WorkflowStatusInfo getWorkflowStatus(String taskId) {
    return ApiViews.status(tasks.getTask(TaskId.of(taskId)));
  }

  public Execution getExecution(String executionId) {
    return store
        .findExecution(ExecutionId.of(executionId))
        .orElseThrow(() -> new NotFoundException("execution", executionId));
  }

  public Workflow getWorkflow(String workflowId) {
    return store
        .findWorkflow(WorkflowId.of(workflowId))
        .orElseThrow(() -> new NotFoundException("workflow", workflowId));
  }

  public List<Execution> listExecutions(String workflowId) {
    return store.listExecutions(getWorkflow(workflowId).id());
  }

  /** Results of the task's executions, oldest first. */
  public List<WorkflowResult> getResults(String taskId) {
    return store.listResults(tasks.getTask(TaskId.of(taskId)).id());
  }

  /** Results of the workflow's executions, oldest first. */
  public List<WorkflowResult> getWorkflowResults(String workflowId) {
    Workflow workflow = getWorkflow(workflowId);
    return store.listResults(workflow.taskId()).stream()
        .filter(r -> r.workflowId().equals(workflow.id()))
        .toList();
  }

  public WorkflowResult getResult(String executionId) {
    return store
        .findResult(ExecutionId.of(executionId))
        .orElseThrow(() -> new NotFoundException("result of execution", executionId));
  }

  /** The in-process handle of a running execution, to await or cancel it. */
  public Optional<ExecutionHandle> executionHandle(String executionId) {
    return engine.handle(ExecutionId.of(executionId));
  }

  /** State and counters of the runtime's circuit breakers, one per endpoint. */
  public List<CircuitBreakerInfo> circuitBreakers() {
    return runner.circuitBreakers();
  }

  /** Size and counters of the workflow cache ({@code gantry cache stats}). */
  public WorkflowCacheStats cacheStats() {
    return cache.manager().stats();
  }

  /** Removes expired workflow-cache entries; returns how many. */
  public int pruneCache() {
    return cache.manager().prune();
  }

  /** Empties the workflow cache, resets its counters; returns how many entries it removed. */
  public int clearCache() {
    return cache.manager().clear();
  }

  /** Creates a managed container of the workflow (see docs/containers.md). */
  public ContainerInfo createContainer(
      String workflowId,
      String image,
      String name,
      Map<String, String> environment,
      List<Map<String, Object>> volumes,
      List<String> command) {
    return containers.create(workflowId, image, name, environment, volumes, command);
  }

  /**
   * {@link #createContainer(String, String, String, Map, List, List)} with resource limits: a null
   * limit takes {@code runtime.default_resources}; each may be at most {@code
   * runtime.max_resources}.
   */
  public ContainerInfo createContainer(
      String workflowId,
      String image,
      String name,
      Map<String, String> environment,
      List<Map<String, Object>> volumes,
      List<String> command,
      Resources resources) {
    return containers.create(workflowId, image, name, environment, volumes, command, resources);
  }

  public void startContainer(String containerId) {
    containers.start(containerId);
  }

  public void stopContainer(String containerId) {
    containers.stop(containerId);
  }

  public void stopContainer(String containerId, int graceSeconds) {
    containers.stop(containerId, Duration.ofSeconds(graceSeconds));
  }

  public void deleteContainer(String containerId) {
    containers.delete(containerId);
  }

  public String getContainerLogs(String containerId, Integer tail, Instant since) {
    return containers.logs(containerId, tail, since);
  }

  /**
   * {@code getContainerLogs} with follow: hands each line (secrets masked) to {@code lines} until
   * the container stops or the returned handle is closed.
   */
  public LogFollow followContainerLogs(
      String containerId, Integer tail, Instant since, Consumer<String> lines) {
    return containers.follow(containerId, tail, since, lines);
  }

  public ContainerInfo getContainer(String containerId) {
    return containers.get(containerId);
  }

  public List<ContainerInfo> listContainers(String workflowId, String status) {
    return containers.list(workflowId, status);
  }

  public int deleteWorkflowContainers(String workflowId) {
    return containers.deleteWorkflowContainers(workflowId);
  }

  /**
   * Deletes the workflow with its executions and results (and its managed containers when asked);
   * refused while one of its executions has not finished.
   */
  public WorkflowDeletion deleteWorkflow(String workflowId, boolean deleteContainers) {
    return deleter.delete(workflowId, deleteContainers, false);
  }

  /** {@link #deleteWorkflow(String, boolean)} that first cancels its unfinished executions. */
  public WorkflowDeletion deleteWorkflow(
      String workflowId, boolean deleteContainers, boolean cancelRunning) {
    return deleter.delete(workflowId, deleteContainers, cancelRunning);
  }

  /** The store, for the project transfer and the CLI. */
  public Store store() {
    return store;
  }

  /**
   * Recovers now what {@code recovery.reconcile_interval_seconds} would recover at the next pass:
   * takes over unfinished executions whose owner's lease expired and removes orphaned step
   * containers (see docs/durability.md).
   */
  public Reconciler.Report reconcile() {
    return reconciler.reconcile();
  }

  /**
   * The seed's {@code shutdown()}, graceful: accepts no new executions, waits up to {@code
   * shutdown.grace_seconds} for running steps, then stops their containers and leaves their
   * executions {@code queued} for the next start, and releases everything (docs/durability.md).
   */
  public void shutdown() {
    shutdown(config.shutdown().grace());
  }

  /** {@link #shutdown()} with its own grace period. */
  public synchronized void shutdown(Duration grace) {
    if (closed) {
      return;
    }
    reconciler.close();
    engine.shutdown(grace);
    close();
  }

  /** Like {@link #shutdown()} without a grace period: running steps are stopped at once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    batches.close();
    reconciler.close();
    engine.close();
    cancels.close();
    containers.close();
    runner.close();
    store.close();
  }

  /** Builder for tests and embedders: inject a store, a runtime, a clock or an environment. */
  public static final class Builder {
    private final GantryConfig config;
    private Store store;
    private StepRunner runner;
    private Clock clock = Clock.systemUTC();
    private String ownerId;
    private Map<String, String> environment = System.getenv();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private boolean recovery = true;

    private Builder(GantryConfig config) {
      this.config = config;
    }

    public Builder store(Store s) {
      store = s;
      return this;
    }

    public Builder runner(StepRunner r) {
      runner = r;
      return this;
    }

    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    public Builder ownerId(String id) {
      ownerId = id;
      return this;
    }

    public Builder environment(Map<String, String> env) {
      environment = env;
      return this;
    }

    /**
     * How retries wait and draw their jitter (tests pass a recording sleeper and a seeded Random to
     * pin the schedule).
     */
    public Builder retryTiming(Sleeper s, Random r) {
      sleeper = s;
      random = r;
      return this;
    }

    /**
     * Whether the instance reconciles at creation and every {@code
     * recovery.reconcile_interval_seconds} (default true); {@code reconcile()} works either way.
     */
    public Builder recovery(boolean on) {
      recovery = on;
      return this;
    }

    public TaskWorkflowIntegration build() {
      return new TaskWorkflowIntegration(this);
    }
  }
}
