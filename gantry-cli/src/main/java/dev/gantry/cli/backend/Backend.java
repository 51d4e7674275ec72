package dev.gantry.cli.backend;

import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.task.Phase;
import dev.gantry.task.Progress;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskPatch;
import dev.gantry.workflow.Execution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the CLI's commands do with a Gantry instance: a local one opened from the configuration
 * ({@code LocalBackend}) or a server reached through its REST API ({@code RemoteBackend}, with
 * {@code --server}). The commands print what these methods return, so both give the same output.
 */
public interface Backend extends AutoCloseable {
  /** Where the instance is, for messages: the data directory or the server's URL. */
  String location();

  // projects and phases

  List<Project> listProjects();

  /** {@code id} may be {@code null} for a generated one. */
  Project createProject(String id, String name, String description, Map<String, Object> metadata);

  Project getProject(String id);

  Project updateProject(String id, String name, String description, Map<String, Object> metadata);

  void deleteProject(String id);

  Progress projectProgress(String id);

  Phase createPhase(String projectId, String name, String description, Integer order);

  List<Phase> listPhases(String projectId);

  Phase getPhase(String id);

  Phase updatePhase(String id, String name, String description, Integer order);

  void deletePhase(String id);

  Progress phaseProgress(String id);

  // tasks and their pipelines

  Task createTask(TaskDraft draft);

  List<Task> listTasks(TaskFilter filter);

  Task getTask(String id);

  Task updateTask(String id, TaskPatch patch);

  void deleteTask(String id);

  PipelineInfo createCustomPipeline(String taskId, String definition);

  PipelineInfo convertTaskToPipeline(
      String taskId, String templateId, Map<String, Object> parameters);

  // workflows and batches

  /** Starts the task's workflow without waiting for it. */
  RunStart startWorkflow(
      String taskId, String workflowType, Map<String, Object> params, boolean skipCache);

  /** The execution once it ended within {@code wait}, else {@code null}. */
  Execution awaitExecution(String executionId, Duration wait) throws InterruptedException;

  Execution getExecution(String executionId);

  WorkflowStatusInfo getWorkflowStatus(String taskId);

  Execution cancelExecution(String executionId);

  WorkflowDeletion deleteWorkflow(String workflowId, boolean containers, boolean cancel);

  /** Runs a project's task workflows, reporting progress to {@code listener}; waits for the end. */
  BatchResult runProject(BatchRequest request, Consumer<BatchProgress> listener)
      throws InterruptedException;

  // containers

  ContainerInfo createContainer(
      String workflowId,
      String image,
      String name,
      Map<String, String> env,
      List<Map<String, Object>> volumes,
      List<String> command,
      Resources resources);

  void startContainer(String id);

  /** {@code graceSeconds} {@code null}: the default grace period. */
  void stopContainer(String id, Integer graceSeconds);

  void deleteContainer(String id);

  ContainerInfo getContainer(String id);

  List<ContainerInfo> listContainers(String workflowId, String status);

  String getContainerLogs(String id, Integer tail, Instant since);

  /**
   * Gives each log line to {@code lines} until the container stops; answers the stream's error or
   * {@code null}.
   */
  String followContainerLogs(String id, Integer tail, Instant since, Consumer<String> lines)
      throws InterruptedException;

  // templates and the workflow cache

  List<PipelineTemplate> listTemplates(String category);

  PipelineTemplate getTemplate(String id);

  List<String> templateCategories();

  /** Where the templates come from, for messages: a directory or the server's URL. */
  String templatesLocation();

  WorkflowCacheStats cacheStats();

  /** Removes expired entries; answers how many. */
  int pruneCache();

  @Override
  void close();

  /** A started execution. */
  record RunStart(String executionId, String workflowId, boolean cached) {}
}
