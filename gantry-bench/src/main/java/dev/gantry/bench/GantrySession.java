package dev.gantry.bench;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.ServerConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.internal.Ids;
import dev.gantry.server.GantryServer;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.ExecutionHandle;
import java.nio.file.Path;
import java.util.List;
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

  /**
   * A cache hit through {@code executeTaskWorkflowAsync}, the call {@code POST
   * /v1/tasks/{id}/workflows/execute} makes: the same work as a REST hit, without HTTP.
   */
  void cacheHitAsync(String task) {
    ExecutionHandle h = gantry.executeTaskWorkflowAsync(task, TYPE, PARAMS, false);
    if (!h.cached()) {
      throw new GantryException(
          "benchmark run " + h.executionId() + " of task " + task + " expected a cache hit");
    }
  }

  /** gantry-server in this JVM on this session's API, on a free loopback port, no tokens. */
  GantryServer serve() {
    return GantryServer.start(gantry, new ServerConfig("127.0.0.1", 0, List.of(), null));
  }

  @Override
  public void close() {
    gantry.close();
  }
}
