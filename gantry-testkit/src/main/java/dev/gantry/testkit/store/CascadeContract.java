package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.P2;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.phase;
import static dev.gantry.testkit.store.StoreFixtures.pipeline;
import static dev.gantry.testkit.store.StoreFixtures.project;
import static dev.gantry.testkit.store.StoreFixtures.result;
import static dev.gantry.testkit.store.StoreFixtures.task;
import static dev.gantry.testkit.store.StoreFixtures.transition;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deleting a project, task, workflow or phase takes its dependent records along (or detaches them).
 */
public interface CascadeContract extends StoreUnderTest {
  /** A task with a pipeline, a workflow, an execution, their history and a result. */
  private Execution taskWithEverything(String name, ProjectId project, PhaseId phase) {
    Task t = store().insertTask(task(name, project, phase, TaskStatus.PENDING, null, T0));
    store().insertPipeline(pipeline(name + "-pl", t.id(), T0));
    Workflow w = store().insertWorkflow(workflow(name + "-wf", t.id(), WorkflowState.RUNNING, T0));
    Execution e = store().insertExecution(execution(name + "-ex", w, WorkflowState.RUNNING, T0));
    store().appendTransition(transition(w.id().value(), "queued", "running", T0));
    store().appendTransition(transition(e.id().value(), "queued", "running", T0));
    store().saveResult(result(e, T0));
    return e;
  }

  private void assertGone(Execution e) {
    assertThat(store().findTask(e.taskId())).isEmpty();
    assertThat(store().listPipelines(e.taskId())).isEmpty();
    assertThat(store().findWorkflow(e.workflowId())).isEmpty();
    assertThat(store().listWorkflows(e.taskId(), null)).isEmpty();
    assertThat(store().findExecution(e.id())).isEmpty();
    assertThat(store().listExecutions(e.workflowId())).isEmpty();
    assertThat(store().listExecutionsInState(List.of(WorkflowState.RUNNING)))
        .noneMatch(x -> x.id().equals(e.id()));
    assertThat(store().listTransitions(e.workflowId().value())).isEmpty();
    assertThat(store().listTransitions(e.id().value())).isEmpty();
    assertThat(store().findResult(e.id())).isEmpty();
    assertThat(store().listResults(e.taskId())).isEmpty();
  }

  private void assertPresent(Execution e) {
    assertThat(store().findTask(e.taskId())).isPresent();
    assertThat(store().listPipelines(e.taskId())).hasSize(1);
    assertThat(store().findWorkflow(e.workflowId())).isPresent();
    assertThat(store().findExecution(e.id())).isPresent();
    assertThat(store().listTransitions(e.workflowId().value())).hasSize(1);
    assertThat(store().listTransitions(e.id().value())).hasSize(1);
    assertThat(store().findResult(e.id())).isPresent();
  }

  @Test
  default void deletingATaskDeletesItsPipelinesWorkflowsExecutionsHistoryAndResults() {
    Execution doomed = taskWithEverything("doomed", P1, null);
    Execution kept = taskWithEverything("kept", P1, null);

    assertThat(store().deleteTask(doomed.taskId())).isTrue();

    assertGone(doomed);
    assertPresent(kept);
    assertThat(store().deleteTask(doomed.taskId())).isFalse();
  }

  @Test
  default void deletingAWorkflowDeletesItsExecutionsHistoryAndResultsAndKeepsItsTask() {
    Execution doomed = taskWithEverything("doomed", P1, null);
    Execution kept = taskWithEverything("kept", P1, null);
    Workflow sibling =
        store().insertWorkflow(workflow("sibling-wf", doomed.taskId(), WorkflowState.CREATED, T0));
    store().appendTransition(transition(sibling.id().value(), "created", "queued", T0));

    assertThat(store().deleteWorkflow(doomed.workflowId())).isTrue();

    assertThat(store().findWorkflow(doomed.workflowId())).isEmpty();
    assertThat(store().findExecution(doomed.id())).isEmpty();
    assertThat(store().listExecutions(doomed.workflowId())).isEmpty();
    assertThat(store().listTransitions(doomed.workflowId().value())).isEmpty();
    assertThat(store().listTransitions(doomed.id().value())).isEmpty();
    assertThat(store().findResult(doomed.id())).isEmpty();
    assertThat(store().listResults(doomed.taskId())).isEmpty();
    assertThat(store().findTask(doomed.taskId())).isPresent();
    assertThat(store().listPipelines(doomed.taskId())).hasSize(1);
    assertThat(store().listWorkflows(doomed.taskId(), null)).containsExactly(sibling);
    assertThat(store().listTransitions(sibling.id().value())).hasSize(1);
    assertPresent(kept);
    assertThat(store().deleteWorkflow(doomed.workflowId())).isFalse();
  }

  @Test
  default void deletingAProjectDeletesItsPhasesTasksAndTheirChildren() {
    store().insertProject(project(P1.value(), T0));
    store().insertProject(project(P2.value(), T0));
    Phase phase = store().insertPhase(phase("ph-1", P1, 1, T0));
    store().insertPhase(phase("ph-2", P2, 1, T0));
    Execution inPhase = taskWithEverything("in-phase", P1, phase.id());
    Execution noPhase = taskWithEverything("no-phase", P1, null);
    Execution otherProject = taskWithEverything("other", P2, null);

    assertThat(store().deleteProject(P1)).isTrue();

    assertThat(store().findProject(P1)).isEmpty();
    assertThat(store().listPhases(P1)).isEmpty();
    assertThat(store().findPhase(phase.id())).isEmpty();
    assertThat(store().listTasks(TaskFilter.project(P1))).isEmpty();
    assertGone(inPhase);
    assertGone(noPhase);
    assertPresent(otherProject);
    assertThat(store().findProject(P2)).isPresent();
    assertThat(store().listPhases(P2)).hasSize(1);
  }

  @Test
  default void deletingAPhaseKeepsItsTasksInTheProjectWithoutAPhase() {
    Phase doomed = store().insertPhase(phase("doomed", P1, 1, T0));
    Phase kept = store().insertPhase(phase("kept", P1, 2, T0));
    Task inDoomed =
        store().insertTask(task("t1", P1, doomed.id(), TaskStatus.IN_PROGRESS, "ann", T0));
    Task inKept = store().insertTask(task("t2", P1, kept.id(), TaskStatus.PENDING, null, at(1)));

    assertThat(store().deletePhase(doomed.id())).isTrue();

    Task detached = store().findTask(inDoomed.id()).orElseThrow();
    assertThat(detached.phaseId()).isNull();
    assertThat(detached.version()).as("a detached task is a changed task").isEqualTo(2);
    assertThat(detached)
        .usingRecursiveComparison()
        .ignoringFields("phaseId", "version", "updatedAt")
        .isEqualTo(inDoomed);
    assertThat(store().findTask(inKept.id())).contains(inKept);
    assertThat(store().listTasks(new TaskFilter(P1, doomed.id(), null, null))).isEmpty();
    assertThat(store().listTasks(TaskFilter.project(P1)))
        .extracting(Task::id)
        .containsExactly(TaskId.of("t1"), TaskId.of("t2"));
    assertThat(store().listPhases(P1)).containsExactly(kept);
  }
}
