package dev.gantry.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Reconciler;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphan cleanup on Docker (docs/durability.md): step containers no live attempt claims are
 * removed, a finished execution stays as it was, and containers of executions this store does not
 * know (another Gantry's) or without an execution label (managed containers) are left alone.
 */
class OrphanIT {
  @TempDir Path dir;

  private static String container(DurabilityFixture f, Map<String, String> labels, String cmd) {
    String id =
        f.docker
            .calls()
            .createContainerCmd(LocalImages.BUSYBOX)
            .withLabels(labels)
            .withCmd("sh", "-c", cmd)
            .exec()
            .getId();
    f.docker.calls().startContainerCmd(id).exec();
    return id;
  }

  private static Map<String, String> labels(String owner, String execution, String attempt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, owner);
    if (execution != null) {
      labels.put(Labels.EXECUTION, execution);
      labels.put(Labels.STEP, "make");
      labels.put(Labels.ATTEMPT, attempt);
    }
    return labels;
  }

  @Test
  void unclaimedStepContainersAreRemovedAndTheRestIsLeftAlone() throws Exception {
    String owner = "orphan-it-" + UUID.randomUUID();
    String stranger = "another-gantry-" + UUID.randomUUID();
    try (DurabilityFixture fixture = new DurabilityFixture(dir, 1);
        TaskWorkflowIntegration gantry = fixture.openWithoutRecovery(owner)) {
      Project p = gantry.tasks().createProject("orphans", "", Map.of());
      Task t = gantry.tasks().createTask(TaskDraft.builder(p.id(), "t").build());
      gantry.createCustomPipeline(t.id().value(), DurabilityChild.pipeline(5, 0));
      WorkflowRunResult run = gantry.executeTaskWorkflow(t.id().value(), null, Map.of(), true);
      Execution done = gantry.getExecution(run.executionId());
      assertThat(done.state()).isEqualTo(WorkflowState.COMPLETED);

      // A late container of the finished execution (an attempt a dead instance left), exited.
      String late = container(fixture, labels(stranger, done.id().value(), "1"), "exit 1");
      // A container of an execution unknown here, carrying this instance's owner id.
      String ours = container(fixture, labels(owner, "execution-gone", "1"), "sleep 60");
      // Another Gantry's step container, and a managed container (no execution label).
      String theirs = container(fixture, labels(stranger, "execution-elsewhere", "1"), "sleep 60");
      String managed = container(fixture, labels(owner, null, null), "sleep 60");
      try {
        Reconciler.Report report = gantry.reconcile();

        assertThat(report.removedContainers()).containsExactlyInAnyOrder(late, ours);
        assertThat(report.resumedExecutions()).isEmpty();
        assertThat(fixture.containers(stranger)).containsExactly(theirs);
        assertThat(fixture.containers(owner)).containsExactly(managed);
        Execution after = gantry.getExecution(done.id().value());
        assertThat(after.state()).isEqualTo(WorkflowState.COMPLETED);
        assertThat(after.version()).isEqualTo(done.version());
      } finally {
        for (String id : new String[] {late, ours, theirs, managed}) {
          try {
            fixture.docker.calls().removeContainerCmd(id).withForce(true).exec();
          } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            // removed by the reconciler
          }
        }
      }
    }
  }
}
