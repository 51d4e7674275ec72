package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.config.WorkflowDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deleteWorkflow}: what it deletes, what it keeps, and when it refuses. */
class WorkflowDeletionTest {
  @TempDir Path dataDir;
  private Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    h.runner.release.countDown();
    h.close();
  }

  @Test
  void deletesAFinishedWorkflowWithItsExecutionsAndResultsAndKeepsTheTask() {
    Execution done = h.run("{steps: [{name: s, command: [ok, hi]}]}");
    String wf = done.workflowId().value();
    assertThat(h.gantry.getWorkflowResults(wf)).hasSize(1);

    WorkflowDeletion deleted = h.gantry.deleteWorkflow(wf, false);

    assertThat(deleted).isEqualTo(new WorkflowDeletion(wf, 1, java.util.List.of(), 0));
    assertThatThrownBy(() -> h.gantry.getWorkflow(wf))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workflow '" + wf + "' not found");
    assertThatThrownBy(() -> h.gantry.getExecution(done.id().value()))
        .isInstanceOf(NotFoundException.class);
    assertThat(h.store.findResult(done.id())).isEmpty();
    assertThat(h.store.listTransitions(done.id().value())).isEmpty();
    assertThat(h.store.findTask(done.taskId())).isPresent();
    var status = h.gantry.getWorkflowStatus(done.taskId().value());
    assertThat(status.taskStatus()).isEqualTo("completed");
    assertThat(status.workflowId()).isNull();
    assertThat(status.executionId()).isNull();
    assertThat(status.workflowStatus()).isNull();
    assertThat(h.gantry.tasks().getTask(done.taskId()).metadata())
        .containsKey("workflow_deleted_at");
    Execution again = h.run(done.taskId().value(), false);
    assertThat(again.workflowId()).isNotEqualTo(done.workflowId());
    assertThat(again.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThatThrownBy(() -> h.gantry.deleteWorkflow(wf, false))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workflow '" + wf + "' not found");
  }

  @Test
  void unknownOrMissingIdsAreClearErrors() {
    assertThatThrownBy(() -> h.gantry.deleteWorkflow("wf-nope", true))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workflow 'wf-nope' not found");
    assertThatThrownBy(() -> h.gantry.deleteWorkflow(" ", false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("workflow_id");
  }

  @Test
  void aRunningExecutionIsRefusedUnlessCancelled() throws Exception {
    String task = h.task("{steps: [{name: s, command: [gate], cache: never}]}");
    ExecutionHandle handle = h.gantry.executeTaskWorkflowAsync(task, null, Map.of(), false);
    String wf = handle.workflowId().value();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.runner.running.get() == 1);

    assertThatThrownBy(() -> h.gantry.deleteWorkflow(wf, false))
        .isInstanceOf(WorkflowBusyException.class)
        .hasMessageContaining("workflow '" + wf + "' has an unfinished execution")
        .hasMessageContaining(handle.executionId().value())
        .hasMessageContaining("--cancel");
    assertThat(h.gantry.getWorkflow(wf)).isNotNull();
    assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);

    WorkflowDeletion deleted = h.gantry.deleteWorkflow(wf, false, true);

    assertThat(deleted.cancelled()).containsExactly(handle.executionId().value());
    assertThat(deleted.executions()).isEqualTo(1);
    assertThat(h.store.findWorkflow(handle.workflowId())).isEmpty();
    assertThat(h.store.findExecution(handle.executionId())).isEmpty();
  }
}
