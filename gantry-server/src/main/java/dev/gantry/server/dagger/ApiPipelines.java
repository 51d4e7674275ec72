package dev.gantry.server.dagger;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.internal.SourceDirectories;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.server.http.Requests;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.workflow.ExecutionHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's pipelines: each is a task of the {@link InternalProject} with its definition
 * stored as the task's pipeline; the pipeline's id is that pipeline record's id.
 */
public final class ApiPipelines {
  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "source_directory",
          "pipeline_definition",
          "caching_enabled",
          "timeout_seconds");

  private final TaskWorkflowIntegration api;
  private final InternalProject project;
  private final PipelineParser parser;

  public ApiPipelines(TaskWorkflowIntegration api, InternalProject project) {
    this.api = api;
    this.project = project;
    this.parser = new PipelineParser(api.config().runtime().defaultImage());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> create(Requests.Body body) {
    var f = body.fields();
    for (String key : f.unknownKeys(KEYS)) {
      f.problem(key, "unknown key (known keys: " + String.join(", ", KEYS) + ")");
    }
    String name = f.requiredString("name");
    String description = f.string("description");
    String source = f.string("source_directory");
    Boolean caching = f.bool("caching_enabled");
    Integer timeout = f.integer("timeout_seconds", 1);
    Object raw = body.raw().get("pipeline_definition");
    if (raw == null) {
      f.problem(
          "pipeline_definition", "is required: an object or a file under the workflow directory");
    } else if (!(raw instanceof Map<?, ?>) && !(raw instanceof String)) {
      f.problem("pipeline_definition", "expected an object or a file name");
    }
    body.check();
    if (source != null) {
      SourceDirectories.resolve(api.config(), "source_directory", source);
    }
    Map<String, Object> definition =
        raw instanceof String file ? readMap(file) : (Map<String, Object>) raw;
    definition = new LinkedHashMap<>(definition);
    definition.putIfAbsent("name", name);
    if (timeout != null && definition.get("steps") instanceof List<?> steps) {
      definition.put(
          "steps",
          steps.stream()
              .map(
                  s -> {
                    Map<String, Object> step = new LinkedHashMap<>((Map<String, Object>) s);
                    step.putIfAbsent("timeout_seconds", timeout);
                    return (Object) step;
                  })
              .toList());
    }
    parser.parse(definition);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(ApiWorkflows.KIND, "pipeline");
    metadata.put(ApiWorkflows.DEFINITION, definition);
    metadata.put("api_source_directory", source);
    metadata.put("api_caching_enabled", caching == null ? Boolean.TRUE : caching);
    metadata.put("api_timeout_seconds", timeout);
    Task task =
        api.tasks()
            .createTask(
                TaskDraft.builder(project.id(), name)
                    .description(description)
                    .metadata(metadata)
                    .build());
    PipelineInfo info = api.createCustomPipeline(task.id().value(), definition);
    return view(api.store().findPipeline(PipelineId.of(info.pipelineId())).orElseThrow());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> readMap(String name) {
    String text = readFile(name);
    try {
      Object tree = Json.YAML.readValue(text, Object.class);
      if (tree instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException(
          "pipeline_definition",
          "'" + name + "' is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    throw new InvalidInputException("pipeline_definition", "'" + name + "' is not a mapping");
  }

  private String readFile(String name) {
    Path dir = api.config().workflowDirectory().toAbsolutePath().normalize();
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "pipeline_definition",
          "no file '" + Requests.clip(name) + "' in the workflow directory " + dir);
    }
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new InvalidInputException("pipeline_definition", "cannot read '" + name + "': " + e);
    }
  }

  public List<PipelineRecord> list() {
    return api.tasks().listTasks(TaskFilter.project(project.id())).stream()
        .filter(t -> "pipeline".equals(t.metadata().get(ApiWorkflows.KIND)))
        .flatMap(t -> api.store().listPipelines(t.id()).stream().limit(1))
        .toList();
  }

  public PipelineRecord get(String id) {
    PipelineRecord record =
        api.store()
            .findPipeline(PipelineId.of(id))
            .orElseThrow(() -> new NotFoundException("pipeline", id));
    Task task = api.tasks().getTask(record.taskId());
    if (!task.projectId().equals(project.id())) {
      throw new NotFoundException("pipeline", id);
    }
    return record;
  }

  @SuppressWarnings("unchecked")
  public ExecutionHandle execute(String id, Requests.Body body) {
    Task task = api.tasks().getTask(get(id).taskId());
    Map<String, Object> stored = (Map<String, Object>) task.metadata().get(ApiWorkflows.DEFINITION);
    Object caching = task.metadata().get("api_caching_enabled");
    RunRequest run = RunRequest.of(stored, body.raw(), !Boolean.FALSE.equals(caching));
    String source = run.sourceDirectory();
    if (source == null && task.metadata().get("api_source_directory") instanceof String kept) {
      source = kept;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("pipeline_definition", run.definition());
    params.put("inputs", run.inputs());
    source(api, params, source);
    return api.executeTaskWorkflowAsync(
        task.id().value(), "dagger_pipeline", params, run.skipCache());
  }

  /**
   * Adds the checked {@code source_directory} (relative: to the workflow directory; else under
   * {@code security.allowed_host_paths}) to the run's parameters: its files are copied in and every
   * step finds them at {@code /source}.
   */
  static void source(TaskWorkflowIntegration api, Map<String, Object> params, String source) {
    if (source != null) {
      Path real = SourceDirectories.resolve(api.config(), "source_directory", source);
      params.put(SourceDirectories.PARAM, real.toString());
    }
  }

  public Map<String, Object> view(PipelineRecord record) {
    Task task = api.tasks().getTask(record.taskId());
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", record.id().value());
    view.put("name", task.name());
    view.put("description", task.description());
    view.put("source_directory", task.metadata().get("api_source_directory"));
    view.put("pipeline_definition", task.metadata().get(ApiWorkflows.DEFINITION));
    view.put("caching_enabled", task.metadata().get("api_caching_enabled"));
    view.put("timeout_seconds", task.metadata().get("api_timeout_seconds"));
    view.put("created_at", record.createdAt().toString());
    view.values().removeIf(java.util.Objects::isNull);
    return view;
  }
}
