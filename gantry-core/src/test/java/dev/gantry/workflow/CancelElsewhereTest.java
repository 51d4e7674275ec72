package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RecoveryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one store: one runs an execution, the other cancels it by id. The running
 * instance notices the cancelled record when it renews its leases and stops its run, even though
 * the other instance found no container to remove.
 */
class CancelElsewhereTest {
  @TempDir Path dataDir;
  private ScriptedRunner runner;
  private TaskWorkflowIntegration running;
  private TaskWorkflowIntegration other;

  @BeforeEach
  void setUp() {
    runner = new ScriptedRunner();
    InMemoryStore store = new InMemoryStore();
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withStore(new StoreConfig("memory", null, null, null))
            .withRecovery(new RecoveryConfig(3, 3600));
    running =
        TaskWorkflowIntegration.builder(config).store(store).runner(runner).ownerId("a").build();
    other =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(new ScriptedRunner())
            .ownerId("b")
            .build();
  }

  @AfterEach
  void tearDown() {
    runner.release.countDown();
    other.close();
    running.close();
  }

  @Test
  void theInstanceThatRunsAnExecutionStopsItWhenAnotherCancelledIt() throws Exception {
    Project p = running.tasks().createProject("p", "", Map.of());
    Task t = running.tasks().createTask(TaskDraft.builder(p.id(), "t").build());
    running.createCustomPipeline(
        t.id().value(), Map.of("steps", List.of(Map.of("name", "s", "command", List.of("gate")))));
    ExecutionHandle handle = running.executeTaskWorkflowAsync(t.id().value(), null, Map.of(), true);
    await().until(() -> runner.running.get() == 1);

    Execution cancelled = other.cancelExecution(handle.executionId().value());

    assertThat(cancelled.state()).isEqualTo(WorkflowState.CANCELLED);
    await().atMost(Duration.ofSeconds(10)).until(() -> runner.running.get() == 0);
    assertThat(running.getExecution(handle.executionId().value()).state())
        .isEqualTo(WorkflowState.CANCELLED);
  }
}
