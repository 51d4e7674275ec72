package dev.gantry.docker;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.runtime.Labels;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.Execution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gantry on the real Docker engine for the cache and retry ITs: an in-memory store, a data
 * directory of the test, an owner label unique to it, and retry waits recorded instead of slept
 * (jitter from {@code new Random(42)}).
 */
final class GantryOnDocker implements AutoCloseable {
  final String owner = "resilience-it-" + UUID.randomUUID();
  final CountingRunner runner;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final TaskWorkflowIntegration gantry;
  private final Project project;

  GantryOnDocker(Path dataDir) {
    runner = new CountingRunner(new DockerStepRunner(DockerTestSupport.engineWithBusybox()));
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withStore(new StoreConfig("memory", null, null, null));
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(new InMemoryStore())
            .runner(runner)
            .ownerId(owner)
            .retryTiming(sleeps::add, new Random(42))
            .build();
    project = gantry.tasks().createProject("resilience-it", "", Map.of());
  }

  String task(String definition) {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), definition);
    return t.id().value();
  }

  Execution run(String definition) {
    var result = gantry.executeTaskWorkflow(task(definition), null, Map.of(), false);
    return gantry.getExecution(result.executionId());
  }

  /** Containers of this test's owner still on the engine. */
  List<String> leftovers() {
    return DockerTestSupport.containers(runner.docker.engine(), Map.of(Labels.OWNER, owner), false);
  }

  @Override
  public void close() {
    gantry.close();
  }
}
