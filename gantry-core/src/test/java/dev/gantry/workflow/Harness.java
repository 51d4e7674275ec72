package dev.gantry.workflow;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.resilience.Sleeper;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gantry with the scripted runtime, an in-memory store, a fake clock and a sleeper that records
 * each retry wait and moves the clock by it instead of sleeping; the jitter is drawn from {@code
 * new Random(42)}.
 */
final class Harness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  final ScriptedRunner runner = new ScriptedRunner();
  final InMemoryStore store = new InMemoryStore();
  final FakeClock clock = new FakeClock(T0);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final AtomicInteger runs = new AtomicInteger();

  /** When set, each retry wait also blocks on it (interruptibly), e.g. to cancel meanwhile. */
  volatile CountDownLatch sleepGate;

  final TaskWorkflowIntegration gantry;
  private final Project project;

  Harness(
      Path dataDir,
      WorkflowDefaults defaults,
      Map<String, String> secrets,
      Map<String, String> env) {
    GantryConfig config =
        new GantryConfig(
                null, null, null, defaults, null, null, null, null, secrets, null, dataDir, null)
            .withStore(new StoreConfig("memory", null, null, null));
    Sleeper sleeper =
        d -> {
          sleeps.add(d);
          CountDownLatch gate = sleepGate;
          if (gate != null) {
            gate.await();
          }
          clock.advance(d);
        };
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(runner)
            .clock(clock)
            .environment(env)
            .retryTiming(sleeper, new Random(42))
            .build();
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  Harness(Path dataDir, WorkflowDefaults defaults) {
    this(dataDir, defaults, Map.of(), Map.of());
  }

  /** A new task with {@code definition} as its custom pipeline; returns its id. */
  String task(String definition) {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), definition);
    return t.id().value();
  }

  /**
   * Runs the task's workflow to the end and returns its execution. Each run gets a parameter of its
   * own, so that the workflow cache (docs/workflow-cache.md) never answers it: the steps run, or
   * come from the step cache.
   */
  Execution run(String taskId, boolean skipCache) {
    Map<String, Object> params = Map.of("harness_run", runs.incrementAndGet());
    var result = gantry.executeTaskWorkflow(taskId, null, params, skipCache);
    return gantry.getExecution(result.executionId());
  }

  /** Runs {@code definition} as a new task's workflow. */
  Execution run(String definition) {
    return run(task(definition), false);
  }

  @Override
  public void close() {
    gantry.close();
  }
}
