package dev.gantry.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.durability.DurabilityFixture.Child;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.EngineShutdownException;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown on Docker (docs/durability.md): a step that ends within the grace period
 * completes; one that does not is stopped, nothing labelled keeps running, and the next instance
 * completes its execution; SIGTERM to a separate JVM does the same.
 */
class ShutdownIT {
  @TempDir Path dir;

  private static String submit(TaskWorkflowIntegration gantry, int index, int seconds) {
    Project p = gantry.tasks().createProject("shutdown", "", Map.of());
    Task t = gantry.tasks().createTask(TaskDraft.builder(p.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), DurabilityChild.pipeline(index, seconds));
    ExecutionHandle handle = gantry.executeTaskWorkflowAsync(t.id().value(), null, Map.of(), true);
    return handle.executionId().value();
  }

  @Test
  void aStepEndingWithinTheGraceCompletes() throws Exception {
    String owner = "shutdown-short-" + UUID.randomUUID();
    try (DurabilityFixture fixture = new DurabilityFixture(dir, 30)) {
      TaskWorkflowIntegration gantry = fixture.open(owner);
      String id = submit(gantry, 7, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.containers(owner).isEmpty());

      gantry.shutdown();

      assertThat(fixture.containers(owner)).isEmpty();
      try (TaskWorkflowIntegration again = fixture.open("reader-" + UUID.randomUUID())) {
        DurabilityFixture.assertCorrect(again, Map.of(id, 7));
      }
    }
  }

  @Test
  void aStepOutlastingTheGraceIsStoppedAndTheNextInstanceCompletesIt() throws Exception {
    String owner = "shutdown-long-" + UUID.randomUUID();
    try (DurabilityFixture fixture = new DurabilityFixture(dir, 1)) {
      TaskWorkflowIntegration gantry = fixture.open(owner);
      String id = submit(gantry, 3, 6);
      String taskId = gantry.getExecution(id).taskId().value();
      await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.containers(owner).isEmpty());

      gantry.shutdown();

      assertThat(fixture.containers(owner)).isEmpty();
      assertThatThrownBy(() -> gantry.executeTaskWorkflowAsync(taskId, null, Map.of(), true))
          .isInstanceOf(EngineShutdownException.class)
          .hasMessageContaining("shutting down and accepts no new executions")
          .hasMessageContaining(taskId);
      String next = "shutdown-next-" + UUID.randomUUID();
      try (TaskWorkflowIntegration b = fixture.open(next)) {
        Execution left = b.getExecution(id);
        assertThat(left.state()).isIn(WorkflowState.QUEUED, WorkflowState.RUNNING);
        await().atMost(Duration.ofSeconds(60)).until(() -> b.getExecution(id).state().isTerminal());
        DurabilityFixture.assertCorrect(b, Map.of(id, 3));
        assertThat(
                b.store().listTransitions(id).stream()
                    .filter(t -> t.subject().equals("step:make"))
                    .map(t -> t.from() + "->" + t.to()))
            .containsSubsequence("running->pending", "pending->running", "running->completed");
      }
      assertThat(fixture.containers(next)).isEmpty();
    }
  }

  @Test
  void sigtermStopsTheJvmGracefullyAndTheNextInstanceCompletesItsWork() throws Exception {
    String owner = "sigterm-" + UUID.randomUUID();
    try (DurabilityFixture fixture = new DurabilityFixture(dir, 1)) {
      Child jvm = fixture.start(owner, 3, 8);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> jvm.count("SUBMITTED") == 3 && fixture.containers(owner).size() >= 3);

      jvm.process().destroy(); // SIGTERM

      assertThat(jvm.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(fixture.containers(owner)).isEmpty();
      Map<String, Integer> accepted = jvm.submitted();
      String next = "after-sigterm-" + UUID.randomUUID();
      try (TaskWorkflowIntegration b = fixture.open(next)) {
        for (String id : accepted.keySet()) {
          assertThat(b.getExecution(id).step("make").state())
              .isIn(StepState.PENDING, StepState.RUNNING);
        }
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> DurabilityFixture.allTerminal(b, accepted));
        DurabilityFixture.assertCorrect(b, accepted);
      }
      assertThat(fixture.containers(next)).isEmpty();
    }
  }
}
