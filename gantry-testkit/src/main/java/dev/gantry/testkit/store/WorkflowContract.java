package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.pipeline;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static dev.gantry.workflow.WorkflowState.COMPLETED;
import static dev.gantry.workflow.WorkflowState.CREATED;
import static dev.gantry.workflow.WorkflowState.QUEUED;
import static dev.gantry.workflow.WorkflowState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.NotFoundException;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipelines and workflows. */
public interface WorkflowContract extends StoreUnderTest {
  TaskId TASK_A = TaskId.of("task-a");
  TaskId TASK_B = TaskId.of("task-b");

  private List<String> workflowIds(TaskId task, WorkflowState state) {
    return store().listWorkflows(task, state).stream().map(w -> w.id().value()).toList();
  }

  @Test
  default void pipelinesAreStoredAsGivenAndListedPerTaskByCreation() {
    PipelineRecord p2 = store().insertPipeline(pipeline("pl-2", TASK_A, at(2)));
    PipelineRecord p1 = store().insertPipeline(pipeline("pl-1", TASK_A, at(1)));
    store().insertPipeline(pipeline("pl-3", TASK_B, T0));

    assertThat(p1).isEqualTo(pipeline("pl-1", TASK_A, at(1)));
    assertThat(store().findPipeline(PipelineId.of("pl-2"))).contains(p2);
    assertThat(store().findPipeline(PipelineId.of("pl-9"))).isEmpty();
    assertThat(store().listPipelines(TASK_A)).containsExactly(p1, p2);
    assertThat(store().listPipelines(TaskId.of("none"))).isEmpty();
  }

  @Test
  default void duplicatePipelineInsertThrows() {
    store().insertPipeline(pipeline("pl-1", TASK_A, T0));
    assertThatThrownBy(() -> store().insertPipeline(pipeline("pl-1", TASK_B, T0)))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("pl-1");
    assertThat(store().listPipelines(TASK_B)).isEmpty();
  }

  @Test
  default void workflowsAreListedByTaskAndState() {
    store().insertWorkflow(workflow("w1", TASK_A, CREATED, at(1)));
    store().insertWorkflow(workflow("w2", TASK_A, RUNNING, at(2)));
    store().insertWorkflow(workflow("w3", TASK_B, RUNNING, at(0)));
    store().insertWorkflow(workflow("w4", TASK_A, RUNNING, at(3)));

    assertThat(workflowIds(null, null)).containsExactly("w3", "w1", "w2", "w4");
    assertThat(workflowIds(TASK_A, null)).containsExactly("w1", "w2", "w4");
    assertThat(workflowIds(null, RUNNING)).containsExactly("w3", "w2", "w4");
    assertThat(workflowIds(TASK_A, RUNNING)).containsExactly("w2", "w4");
    assertThat(workflowIds(TASK_B, CREATED)).isEmpty();
  }

  @Test
  default void workflowInsertAndUpdateFollowTheVersionRules() {
    Workflow v1 = store().insertWorkflow(workflow("w1", TASK_A, CREATED, T0).withVersion(9, T0));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(store().findWorkflow(v1.id())).contains(v1);

    Workflow queued = v1.withState(QUEUED, ExecutionId.of("e-1"), at(1));
    Workflow v2 = store().updateWorkflow(queued);

    assertThat(v2).isEqualTo(queued.withVersion(2, at(1)));
    assertThat(store().findWorkflow(v1.id())).contains(v2);
    assertThat(workflowIds(TASK_A, QUEUED)).containsExactly("w1");
    assertThat(workflowIds(TASK_A, CREATED)).isEmpty();
  }

  @Test
  default void staleWorkflowUpdateThrowsAndChangesNothing() {
    Workflow v1 = store().insertWorkflow(workflow("w1", TASK_A, CREATED, T0));
    Workflow v2 = store().updateWorkflow(v1.withState(QUEUED, null, at(1)));

    assertThatThrownBy(() -> store().updateWorkflow(v1.withState(COMPLETED, null, at(2))))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("w1");
    assertThat(store().findWorkflow(v1.id())).contains(v2);
    assertThat(workflowIds(null, COMPLETED)).isEmpty();
  }

  @Test
  default void workflowDuplicatesAndUnknownIdsAreRefused() {
    store().insertWorkflow(workflow("w1", TASK_A, CREATED, T0));
    assertThatThrownBy(() -> store().insertWorkflow(workflow("w1", TASK_B, RUNNING, T0)))
        .isInstanceOf(DuplicateIdException.class);
    assertThatThrownBy(
            () -> store().updateWorkflow(workflow("w9", TASK_A, CREATED, T0).withVersion(1, T0)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store().findWorkflow(WorkflowId.of("w9"))).isEmpty();
    assertThat(workflowIds(TASK_B, null)).isEmpty();
  }
}
