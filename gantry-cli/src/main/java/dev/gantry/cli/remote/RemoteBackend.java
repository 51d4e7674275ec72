package dev.gantry.cli.remote;

import static dev.gantry.cli.remote.GantryClient.enc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.InvalidInputException;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.cli.backend.Backend;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The CLI's commands through a Gantry server's REST API ({@code gantry --server URL ...}). The
 * answers are read back into Gantry's records, so the commands print them as they print a local
 * instance's. What the API does not offer is refused with a message that names the option.
 */
public final class RemoteBackend implements Backend {
  /** How long {@code workflow cancel} waits for the cancelled execution to settle. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

  private final GantryClient client;
  private final RemoteTasks tasks;
  private final RemoteContainers containers;

  public RemoteBackend(GantryClient client) {
    this.client = client;
    this.tasks = new RemoteTasks(client);
    this.containers = new RemoteContainers(client);
  }

  @Override
  public String location() {
    return client.server();
  }

  @Override
  public List<Project> listProjects() {
    return client.list("/v1/projects", "projects", Project.class);
  }

  @Override
  public Project createProject(
      String id, String name, String description, Map<String, Object> metadata) {
    if (id != null) {
      throw unsupported("--id", "the server generates project ids");
    }
    return client.post("/v1/projects", body(name, description, null, metadata), Project.class);
  }

  @Override
  public Project getProject(String id) {
    return client.get("/v1/projects/" + enc(id), Project.class);
  }

  @Override
  public Project updateProject(
      String id, String name, String description, Map<String, Object> metadata) {
    return client.patch(
        "/v1/projects/" + enc(id), body(name, description, null, metadata), Project.class);
  }

  @Override
  public void deleteProject(String id) {
    client.delete("/v1/projects/" + enc(id));
  }

  @Override
  public Progress projectProgress(String id) {
    return client.get("/v1/projects/" + enc(id) + "/progress", Progress.class);
  }

  @Override
  public Phase createPhase(String projectId, String name, String description, Integer order) {
    return client.post(
        "/v1/projects/" + enc(projectId) + "/phases",
        body(name, description, order, null),
        Phase.class);
  }

  @Override
  public List<Phase> listPhases(String projectId) {
    return client.list("/v1/projects/" + enc(projectId) + "/phases", "phases", Phase.class);
  }

  @Override
  public Phase getPhase(String id) {
    return client.get("/v1/phases/" + enc(id), Phase.class);
  }

  @Override
  public Phase updatePhase(String id, String name, String description, Integer order) {
    return client.patch("/v1/phases/" + enc(id), body(name, description, order, null), Phase.class);
  }

  @Override
  public void deletePhase(String id) {
    client.delete("/v1/phases/" + enc(id));
  }

  @Override
  public Progress phaseProgress(String id) {
    return client.get("/v1/phases/" + enc(id) + "/progress", Progress.class);
  }

  @Override
  public Task createTask(TaskDraft draft) {
    return tasks.create(draft);
  }

  @Override
  public List<Task> listTasks(TaskFilter filter) {
    return tasks.list(filter);
  }

  @Override
  public Task getTask(String id) {
    return client.get("/v1/tasks/" + enc(id), Task.class);
  }

  @Override
  public Task updateTask(String id, TaskPatch patch) {
    return tasks.update(id, patch);
  }

  @Override
  public void deleteTask(String id) {
    client.delete("/v1/tasks/" + enc(id));
  }

  @Override
  public PipelineInfo createCustomPipeline(String taskId, String definition) {
    return client.post(
        "/v1/tasks/" + enc(taskId) + "/pipelines",
        Map.of("pipeline_definition", definition),
        PipelineInfo.class);
  }

  @Override
  public PipelineInfo convertTaskToPipeline(
      String taskId, String templateId, Map<String, Object> parameters) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_id", taskId);
    body.put("parameters", parameters == null ? Map.of() : parameters);
    return client.post("/v1/templates/" + enc(templateId) + "/convert", body, PipelineInfo.class);
  }

  @Override
  public RunStart startWorkflow(
      String taskId, String workflowType, Map<String, Object> params, boolean skipCache) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (workflowType != null) {
      body.put("workflow_type", workflowType);
    }
    body.put("workflow_params", params == null ? Map.of() : params);
    body.put("skip_cache", skipCache);
    JsonNode started =
        client.post("/v1/tasks/" + enc(taskId) + "/workflows/execute", body, JsonNode.class);
    return new RunStart(
        started.path("execution_id").asText(),
        started.path("workflow_id").asText(),
        started.path("cached").asBoolean(false));
  }

  @Override
  public Execution awaitExecution(String executionId, Duration wait) throws InterruptedException {
    Execution e = getExecution(executionId);
    if (e.state().isTerminal()) {
      return e;
    }
    Thread.sleep(wait.toMillis()); // polling the server: the API has no blocking wait
    return null;
  }

  @Override
  public Execution getExecution(String executionId) {
    return client.get("/v1/executions/" + enc(executionId), Execution.class);
  }

  @Override
  public WorkflowStatusInfo getWorkflowStatus(String taskId) {
    return client.get("/v1/tasks/" + enc(taskId) + "/workflows/status", WorkflowStatusInfo.class);
  }

  /** Cancels, then waits (at most {@link #CANCEL_WAIT}) for the execution to settle. */
  @Override
  public Execution cancelExecution(String executionId) {
    client.delete("/v1/executions/" + enc(executionId));
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        Execution e = awaitExecution(executionId, Duration.ofMillis(200));
        if (e != null) {
          return e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return getExecution(executionId);
  }

  @Override
  public WorkflowDeletion deleteWorkflow(String workflowId, boolean containers, boolean cancel) {
    return client.send(
        "DELETE",
        "/v1/workflows/"
            + enc(workflowId)
            + Query.of(
                "delete_containers",
                containers ? "true" : null,
                "cancel_running",
                cancel ? "true" : null),
        null,
        cancel ? CANCEL_WAIT.plus(GantryClient.REQUEST_TIMEOUT) : GantryClient.REQUEST_TIMEOUT,
        WorkflowDeletion.class);
  }

  @Override
  public BatchResult runProject(BatchRequest request, Consumer<BatchProgress> listener)
      throws InterruptedException {
    return new RemoteBatch(client).run(request, listener);
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
    return containers.create(workflowId, image, name, env, volumes, command, resources);
  }

  @Override
  public void startContainer(String id) {
    containers.start(id);
  }

  @Override
  public void stopContainer(String id, Integer graceSeconds) {
    containers.stop(id, graceSeconds);
  }

  @Override
  public void deleteContainer(String id) {
    containers.delete(id);
  }

  @Override
  public ContainerInfo getContainer(String id) {
    return containers.get(id);
  }

  @Override
  public List<ContainerInfo> listContainers(String workflowId, String status) {
    return containers.list(workflowId, status);
  }

  @Override
  public String getContainerLogs(String id, Integer tail, Instant since) {
    return containers.logs(id, tail, since);
  }

  @Override
  public String followContainerLogs(
      String id, Integer tail, Instant since, Consumer<String> lines) {
    return containers.follow(id, tail, since, lines);
  }

  @Override
  public List<PipelineTemplate> listTemplates(String category) {
    return client.list(
        "/v1/templates" + Query.of("category", category), "templates", PipelineTemplate.class);
  }

  @Override
  public PipelineTemplate getTemplate(String id) {
    return client.get("/v1/templates/" + enc(id), PipelineTemplate.class);
  }

  @Override
  public List<String> templateCategories() {
    return client.list("/v1/templates/categories", "categories", String.class);
  }

  @Override
  public String templatesLocation() {
    return "the templates of " + client.server();
  }

  @Override
  public WorkflowCacheStats cacheStats() {
    return client.get("/v1/cache/stats", WorkflowCacheStats.class);
  }

  @Override
  public int pruneCache() {
    return client.post("/v1/cache/prune", null, JsonNode.class).path("removed").asInt();
  }

  @Override
  public void close() {
    // HttpClient holds no resource that outlives the command
  }

  private static Map<String, Object> body(
      String name, String description, Integer order, Map<String, Object> metadata) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (name != null) {
      body.put("name", name);
    }
    if (description != null) {
      body.put("description", description);
    }
    if (order != null) {
      body.put("order", order);
    }
    if (metadata != null) {
      body.put("metadata", metadata);
    }
    return body;
  }

  static InvalidInputException unsupported(String option, String why) {
    return new InvalidInputException(option, "cannot be used with --server: " + why);
  }
}
