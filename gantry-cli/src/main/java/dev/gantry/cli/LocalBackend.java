package dev.gantry.cli;

import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.cache.WorkflowCacheManager;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.cli.backend.Backend;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.LogFollow;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Progress;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The CLI's commands on an instance opened from the configuration. The instance (store, runtime)
 * opens on first use, so that template and cache commands read their files only, as before.
 */
final class LocalBackend implements Backend {
  private final CliContext context;
  private final Map<String, ExecutionHandle> handles = new ConcurrentHashMap<>();
  private TaskWorkflowIntegration gantry;
  private TemplateCatalog catalog;

  LocalBackend(CliContext context) {
    this.context = context;
  }

  /** The open instance (opened now if needed). */
  synchronized TaskWorkflowIntegration gantry() {
    if (gantry == null) {
      gantry = context.open();
    }
    return gantry;
  }

  private TaskService tasks() {
    return gantry().tasks();
  }

  @Override
  public String location() {
    return context.config().dataDirectory().toString();
  }

  @Override
  public List<Project> listProjects() {
    return tasks().listProjects();
  }

  @Override
  public Project createProject(
      String id, String name, String description, Map<String, Object> metadata) {
    return id == null
        ? tasks().createProject(name, description, metadata)
        : tasks().createProject(ProjectId.of(id), name, description, metadata);
  }

  @Override
  public Project getProject(String id) {
    return tasks().getProject(ProjectId.of(id));
  }

  @Override
  public Project updateProject(
      String id, String name, String description, Map<String, Object> metadata) {
    return tasks().updateProject(ProjectId.of(id), name, description, metadata);
  }

  @Override
  public void deleteProject(String id) {
    tasks().deleteProject(ProjectId.of(id));
  }

  @Override
  public Progress projectProgress(String id) {
    return tasks().projectProgress(ProjectId.of(id));
  }

  @Override
  public Phase createPhase(String projectId, String name, String description, Integer order) {
    return tasks().createPhase(ProjectId.of(projectId), name, description, order, Map.of());
  }

  @Override
  public List<Phase> listPhases(String projectId) {
    return tasks().listPhases(ProjectId.of(projectId));
  }

  @Override
  public Phase getPhase(String id) {
    return tasks().getPhase(PhaseId.of(id));
  }

  @Override
  public Phase updatePhase(String id, String name, String description, Integer order) {
    return tasks().updatePhase(PhaseId.of(id), name, description, order, null);
  }

  @Override
  public void deletePhase(String id) {
    tasks().deletePhase(PhaseId.of(id));
  }

  @Override
  public Progress phaseProgress(String id) {
    return tasks().phaseProgress(PhaseId.of(id));
  }

  @Override
  public Task createTask(TaskDraft draft) {
    return tasks().createTask(draft);
  }

  @Override
  public List<Task> listTasks(TaskFilter filter) {
    return tasks().listTasks(filter);
  }

  @Override
  public Task getTask(String id) {
    return tasks().getTask(TaskId.of(id));
  }

  @Override
  public Task updateTask(String id, TaskPatch patch) {
    return tasks().updateTask(TaskId.of(id), patch);
  }

  @Override
  public void deleteTask(String id) {
    tasks().deleteTask(TaskId.of(id));
  }

  @Override
  public PipelineInfo createCustomPipeline(String taskId, String definition) {
    return gantry().createCustomPipeline(taskId, definition);
  }

  @Override
  public PipelineInfo convertTaskToPipeline(
      String taskId, String templateId, Map<String, Object> parameters) {
    return gantry().convertTaskToPipeline(taskId, templateId, parameters);
  }

  @Override
  public RunStart startWorkflow(
      String taskId, String workflowType, Map<String, Object> params, boolean skipCache) {
    ExecutionHandle h = gantry().executeTaskWorkflowAsync(taskId, workflowType, params, skipCache);
    handles.put(h.executionId().value(), h);
    return new RunStart(h.executionId().value(), h.workflowId().value(), h.cached());
  }

  @Override
  public Execution awaitExecution(String executionId, Duration wait) throws InterruptedException {
    ExecutionHandle h = handles.get(executionId);
    if (h == null) {
      h = gantry().executionHandle(executionId).orElse(null);
    }
    if (h == null) {
      Execution e = getExecution(executionId);
      return e.state().isTerminal() ? e : null;
    }
    try {
      return h.await(wait);
    } catch (TimeoutException e) {
      return null;
    }
  }

  @Override
  public Execution getExecution(String executionId) {
    return gantry().getExecution(executionId);
  }

  @Override
  public WorkflowStatusInfo getWorkflowStatus(String taskId) {
    return gantry().getWorkflowStatus(taskId);
  }

  @Override
  public Execution cancelExecution(String executionId) {
    return gantry().cancelExecution(executionId);
  }

  @Override
  public WorkflowDeletion deleteWorkflow(String workflowId, boolean containers, boolean cancel) {
    return gantry().deleteWorkflow(workflowId, containers, cancel);
  }

  @Override
  public BatchResult runProject(BatchRequest request, Consumer<BatchProgress> listener) {
    return gantry().executeWorkflowsForProject(request, listener);
  }

  @Override
  public ContainerInfo createContainer(
      String workflowId,
      String image,
      String name,
      Map<String, String> env,
      List<Map<String, Object>> volumes,
      List<String> command,
      Resources resources) {
    return gantry().createContainer(workflowId, image, name, env, volumes, command, resources);
  }

  @Override
  public void startContainer(String id) {
    gantry().startContainer(id);
  }

  @Override
  public void stopContainer(String id, Integer graceSeconds) {
    if (graceSeconds == null) {
      gantry().stopContainer(id);
    } else {
      gantry().stopContainer(id, graceSeconds);
    }
  }

  @Override
  public void deleteContainer(String id) {
    gantry().deleteContainer(id);
  }

  @Override
  public ContainerInfo getContainer(String id) {
    return gantry().getContainer(id);
  }

  @Override
  public List<ContainerInfo> listContainers(String workflowId, String status) {
    return gantry().listContainers(workflowId, status);
  }

  @Override
  public String getContainerLogs(String id, Integer tail, Instant since) {
    return gantry().getContainerLogs(id, tail, since);
  }

  @Override
  public String followContainerLogs(String id, Integer tail, Instant since, Consumer<String> lines)
      throws InterruptedException {
    try (LogFollow stream = gantry().followContainerLogs(id, tail, since, lines)) {
      while (!stream.await(Duration.ofSeconds(1))) {
        // until the container stops; Ctrl-C ends the command
      }
      return stream.error() == null ? null : String.valueOf(stream.error());
    }
  }

  @Override
  public List<PipelineTemplate> listTemplates(String category) {
    return catalog().list(category);
  }

  @Override
  public PipelineTemplate getTemplate(String id) {
    return catalog().get(id);
  }

  @Override
  public List<String> templateCategories() {
    return catalog().categories();
  }

  @Override
  public String templatesLocation() {
    return String.valueOf(catalog().directory());
  }

  /**
   * The configured catalogue, loaded once per command; it logs the files that do not load as
   * warnings.
   */
  private synchronized TemplateCatalog catalog() {
    if (catalog == null) {
      catalog = TemplateCatalog.load(context.config().templatesDir());
    }
    return catalog;
  }

  /** The workflow cache's files only (no store, no engine), as next to a running server. */
  WorkflowCacheManager cache() {
    return WorkflowCacheManager.of(context.config(), Clock.systemUTC());
  }

  @Override
  public WorkflowCacheStats cacheStats() {
    return cache().stats();
  }

  @Override
  public int pruneCache() {
    return cache().prune();
  }

  @Override
  public synchronized void close() {
    if (gantry != null) {
      gantry.close();
      gantry = null;
    }
  }
}
