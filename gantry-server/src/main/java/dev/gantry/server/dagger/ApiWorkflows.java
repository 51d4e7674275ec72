package dev.gantry.server.dagger;

import dev.gantry.NotFoundException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowInfo;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.server.http.Requests;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskPatch;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.Workflow;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's workflows: each is a task of the {@link InternalProject} holding the contract's
 * steps and their Gantry pipeline definition, with the Gantry workflow created for it.
 */
public final class ApiWorkflows {
  static final String KIND = "api_kind";
  static final String DEFINITION = "api_definition";
  static final List<String> CREATE_KEYS =
      List.of("name", "description", "steps", "container_config");

  private final TaskWorkflowIntegration api;
  private final InternalProject project;
  private final PipelineParser parser;

  public ApiWorkflows(TaskWorkflowIntegration api, InternalProject project) {
    this.api = api;
    this.project = project;
    this.parser = new PipelineParser(api.config().runtime().defaultImage());
  }

  public Map<String, Object> create(Requests.Body body) {
    for (String key : body.fields().unknownKeys(CREATE_KEYS)) {
      body.fields()
          .problem(key, "unknown key (known keys: " + String.join(", ", CREATE_KEYS) + ")");
    }
    String name = body.fields().requiredString("name");
    String description = body.fields().string("description");
    body.check();
    Map<String, Object> definition =
        ContractSteps.definition(
            name, description, body.raw().get("steps"), body.raw().get("container_config"));
    parser.parse(definition);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(KIND, "workflow");
    metadata.put(DEFINITION, definition);
    metadata.put("api_steps", body.raw().get("steps"));
    metadata.put("api_container_config", body.raw().get("container_config"));
    Task task =
        api.tasks()
            .createTask(
                TaskDraft.builder(project.id(), name)
                    .description(description)
                    .metadata(metadata)
                    .build());
    api.createCustomPipeline(task.id().value(), definition);
    WorkflowInfo info = api.createWorkflowFromTask(task.id().value(), name, Map.of());
    return view(api.getWorkflow(info.workflowId()));
  }

  /** The API's workflows, newest first, in a contract status ({@code null}: any). */
  public List<Workflow> list(String status) {
    return api.store().listWorkflows(null, null).stream()
        .filter(w -> isApiWorkflow(w))
        .filter(w -> status == null || ContractStatus.of(w.state()).equals(status))
        .sorted(Comparator.comparing(Workflow::createdAt).reversed())
        .toList();
  }

  public Workflow get(String id) {
    Workflow workflow = api.getWorkflow(id);
    if (!isApiWorkflow(workflow)) {
      throw new NotFoundException("workflow", id);
    }
    return workflow;
  }

  public Map<String, Object> update(String id, Requests.Body body) {
    Workflow workflow = get(id);
    Task task = api.tasks().getTask(workflow.taskId());
    for (String key : body.fields().unknownKeys(CREATE_KEYS)) {
      body.fields()
          .problem(key, "unknown key (known keys: " + String.join(", ", CREATE_KEYS) + ")");
    }
    String name = body.fields().string("name");
    if (name != null && name.isBlank()) {
      body.fields().problem("name", "expected a non-empty name");
    }
    String description = body.fields().string("description");
    body.check();
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (body.has("steps") || body.has("container_config")) {
      Object steps = body.has("steps") ? body.raw().get("steps") : task.metadata().get("api_steps");
      Object config =
          body.has("container_config")
              ? body.raw().get("container_config")
              : task.metadata().get("api_container_config");
      Map<String, Object> definition =
          ContractSteps.definition(
              name != null ? name : task.name(),
              description != null ? description : task.description(),
              steps,
              config);
      parser.parse(definition);
      api.createCustomPipeline(task.id().value(), definition);
      metadata.put(DEFINITION, definition);
      metadata.put("api_steps", steps);
      metadata.put("api_container_config", config);
    }
    api.tasks()
        .updateTask(
            task.id(),
            TaskPatch.builder().name(name).description(description).metadata(metadata).build());
    if (name != null) {
      Workflow current = api.getWorkflow(id);
      api.store()
          .updateWorkflow(
              new Workflow(
                  current.id(),
                  name,
                  current.taskId(),
                  current.inputs(),
                  current.state(),
                  current.lastExecutionId(),
                  current.createdAt(),
                  current.updatedAt(),
                  current.version()));
    }
    return view(api.getWorkflow(id));
  }

  public void delete(String id) {
    Workflow workflow = get(id);
    api.tasks().deleteTask(workflow.taskId());
  }

  /** Starts an execution of the workflow with the execute request's overrides. */
  @SuppressWarnings("unchecked")
  public ExecutionHandle execute(String id, Requests.Body body) {
    Workflow workflow = get(id);
    Task task = api.tasks().getTask(workflow.taskId());
    Map<String, Object> stored = (Map<String, Object>) task.metadata().get(DEFINITION);
    RunRequest run =
        RunRequest.of(stored, body.raw(), api.config().workflowDefaults().cachingEnabled());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("pipeline_definition", run.definition());
    params.put("inputs", run.inputs());
    ApiPipelines.source(api, params, run.sourceDirectory());
    return api.executeTaskWorkflowAsync(
        task.id().value(), "dagger_pipeline", params, run.skipCache());
  }

  public Map<String, Object> view(Workflow w) {
    Task task = api.tasks().getTask(w.taskId());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", w.id().value());
    view.put("name", w.name());
    view.put("description", task.description());
    view.put("status", ContractStatus.of(w.state()));
    view.put("gantry_status", w.state().wireName());
    view.put("created_at", w.createdAt().toString());
    view.put("updated_at", (w.updatedAt() != null ? w.updatedAt() : w.createdAt()).toString());
    view.put("steps", task.metadata().get("api_steps"));
    if (task.metadata().get("api_container_config") != null) {
      view.put("container_config", task.metadata().get("api_container_config"));
    }
    view.put("task_id", task.id().value());
    return view;
  }

  private boolean isApiWorkflow(Workflow w) {
    return api.store()
        .findTask(w.taskId())
        .map(t -> t.projectId().equals(project.id()) && "workflow".equals(t.metadata().get(KIND)))
        .orElse(false);
  }
}
