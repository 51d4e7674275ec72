package dev.gantry.bench;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.internal.Ids;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gantry as a user runs it: a {@link TaskWorkflowIntegration} with the default configuration (H2
 * store, Docker runtime) on a data directory of its own, a project, and tasks with custom
 * pipelines.
 */
final class GantrySession implements AutoCloseable {
  static final String TYPE = "containerized_workflow";
  static final Map<String, Object> PARAMS = Map.of("param1", "value1");

  private final TaskWorkflowIntegration gantry;
  private final Project project;

  GantrySession(Path dataDirectory) {
    GantryConfig config = GantryConfig.defaults().withDataDirectory(dataDirectory);
    gantry = TaskWorkflowIntegration.builder(config).ownerId(Ids.random("gantry-bench")).build();
    project = gantry.tasks().createProject("bench", "gantry-bench", Map.of());
  }

  /** Checks that the engine answers and has {@link DockerCli#IMAGE} (builds it when missing). */
  static void ensureImage() {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      engine.ping();
      new LocalImages(engine).ensureBusybox();
    }
  }

  TaskWorkflowIntegration api() {
    return gantry;
  }

  /** A new task of the project with {@code pipelineYaml} as its pipeline; its id. */
  String task(String name, String pipelineYaml) {
    String task =
        gantry.tasks().createTask(TaskDraft.builder(project.id(), name).build()).id().value();
    gantry.createCustomPipeline(task, pipelineYaml);
    return task;
  }

  /** Runs the task's workflow; fresh ({@code skip_cache}) or from the workflow cache. */
  WorkflowRunResult run(String task, boolean fresh) {
    WorkflowRunResult r = gantry.executeTaskWorkflow(task, TYPE, PARAMS, fresh);
    if (!r.success() || r.cached() == fresh) {
      throw new GantryException(
          "benchmark run "
              + r.executionId()
              + " expected "
              + (fresh ? "a fresh successful run" : "a cache hit")
              + ", got success="
              + r.success()
              + " cached="
              + r.cached()
              + (r.error() == null ? "" : " error=" + r.error()));
    }
    return r;
  }

  @Override
  public void close() {
    gantry.close();
  }
}
