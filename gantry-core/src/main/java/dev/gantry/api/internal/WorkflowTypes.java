package dev.gantry.api.internal;

import dev.gantry.InvalidInputException;
import dev.gantry.config.GantryConfig;
import dev.gantry.pipeline.Command;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's workflow types and how each turns a task and its parameters into a pipeline: {@code
 * containerized_workflow} runs the task's pipeline, or one container given by {@code
 * container_image}; {@code dagger_pipeline} runs the {@code pipeline_definition} parameter.
 */
public final class WorkflowTypes {
  public static final String CONTAINERIZED = "containerized_workflow";
  public static final String DAGGER_PIPELINE = "dagger_pipeline";
  public static final List<String> KNOWN = List.of(CONTAINERIZED, DAGGER_PIPELINE);

  private final Store store;
  private final GantryConfig config;
  private final PipelineParser parser;

  public WorkflowTypes(Store store, GantryConfig config) {
    this.store = store;
    this.config = config;
    this.parser = new PipelineParser(config.runtime().defaultImage());
  }

  public PipelineParser parser() {
    return parser;
  }

  /** Throws unless {@code type} is a known workflow type. */
  public static String check(String type) {
    String t = type == null || type.isBlank() ? CONTAINERIZED : type;
    if (!KNOWN.contains(t)) {
      throw new InvalidInputException(
          "workflow_type",
          "unknown workflow type '" + type + "'; known types: " + String.join(", ", KNOWN));
    }
    return t;
  }

  /** The pipeline that a workflow of {@code type} runs for {@code task}. */
  public PipelineSpec pipelineFor(Task task, String type, Map<String, Object> params) {
    PipelineSpec pipeline =
        switch (check(type)) {
          case DAGGER_PIPELINE -> daggerPipeline(params);
          default -> containerized(task, params);
        };
    ResourceCaps.steps(pipeline, config.runtime());
    return pipeline;
  }

  private PipelineSpec containerized(Task task, Map<String, Object> params) {
    if (params.get("container_image") != null) {
      return oneContainer(task, params);
    }
    List<PipelineRecord> pipelines = store.listPipelines(task.id());
    if (!pipelines.isEmpty()) {
      return pipelines.get(pipelines.size() - 1).spec();
    }
    Object inline = task.metadata().get("pipeline");
    if (inline != null) {
      return parser.parse(inline);
    }
    throw new InvalidInputException(
        "workflow_params",
        "task '"
            + task.id()
            + "' has no pipeline: create one with createCustomPipeline"
            + " (or a template), or pass container_image (and command) in the workflow params");
  }

  private PipelineSpec oneContainer(Task task, Map<String, Object> params) {
    Object image = params.get("container_image");
    if (!(image instanceof String imageName) || imageName.isBlank()) {
      throw new InvalidInputException(
          "workflow_params.container_image", "expected an image name such as busybox:latest");
    }
    Object command = params.get("command");
    if (command == null) {
      throw new InvalidInputException(
          "workflow_params.command",
          "is required with container_image (a shell string or a list of arguments)");
    }
    Map<String, String> env = new LinkedHashMap<>();
    Object environment = params.get("environment");
    if (environment instanceof Map<?, ?> m) {
      m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (environment != null) {
      throw new InvalidInputException(
          "workflow_params.environment", "expected an object of variable names to values");
    }
    Object volumes = params.get("volumes");
    if (volumes instanceof List<?> list && !list.isEmpty()) {
      throw new InvalidInputException(
          "workflow_params.volumes[0]",
          "host path mounts are refused: no path is under security.allowed_host_paths"
              + " (none are allowed by default)");
    }
    Command cmd;
    try {
      cmd = Command.of(command);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("workflow_params.command", e.problems().get(0).message());
    }
    StepSpec step =
        new StepSpec(
            "main",
            "container for task " + task.id(),
            imageName,
            cmd,
            env,
            List.of(),
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            null);
    return new PipelineSpec("container " + imageName, task.name(), List.of(step));
  }

  private PipelineSpec daggerPipeline(Map<String, Object> params) {
    Object definition = params.get("pipeline_definition");
    if (definition == null) {
      throw new InvalidInputException(
          "workflow_params.pipeline_definition",
          "is required by dagger_pipeline: an inline definition or a file under "
              + config.workflowDirectory());
    }
    if (definition instanceof String s && !s.contains("\n") && !s.trim().startsWith("{")) {
      return parser.parseFile(workflowFile(s));
    }
    return parser.parse(definition);
  }

  private Path workflowFile(String name) {
    Path dir = config.workflowDirectory().toAbsolutePath().normalize();
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir)) {
      throw new InvalidInputException(
          "workflow_params.pipeline_definition",
          "'" + name + "' is outside the workflow directory " + dir);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "workflow_params.pipeline_definition",
          "no file '" + name + "' in the workflow directory " + dir);
    }
    return file;
  }
}
