package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.awkwardMap;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What goes in comes out equal: JSON-like maps with nulls, nesting and unicode, big texts, and
 * instants at full nanosecond precision (stores must not truncate them).
 */
public interface FidelityContract extends StoreUnderTest {
  Instant NANOS = Instant.parse("2024-02-29T23:59:59.987654321Z");

  @Test
  default void awkwardMapsSurviveInsertUpdateAndList() {
    Project p =
        store()
            .insertProject(
                new Project(P1, "Zürich ✓ 🚀", "multi\nline", awkwardMap(), NANOS, NANOS, 0));
    assertThat(store().findProject(P1)).contains(p);
    assertThat(store().findProject(P1).orElseThrow().metadata()).isEqualTo(awkwardMap());

    Project changed =
        new Project(P1, p.name(), p.description(), Map.of("nested", awkwardMap()), NANOS, NANOS, 1);
    Project stored = store().updateProject(changed);
    assertThat(store().listProjects()).containsExactly(stored);
    assertThat(stored.metadata()).isEqualTo(Map.of("nested", awkwardMap()));
  }

  @Test
  default void everyFieldOfATaskSurvives() {
    Task t =
        new Task(
            TaskId.of("t1"),
            P1,
            PhaseId.of("ph"),
            TaskId.of("parent"),
            "Ünïcödé name 名前",
            "desc 🐢",
            TaskStatus.BLOCKED,
            Priority.CRITICAL,
            awkwardMap(),
            55,
            awkwardMap(),
            "error: \"quoted\"",
            "agent-ß",
            "ai",
            List.of(TaskId.of("a"), TaskId.of("b")),
            NANOS,
            NANOS.plusNanos(1),
            0);
    Task stored = store().insertTask(t);
    assertThat(stored).isEqualTo(t.withVersion(1, t.updatedAt()));
    assertThat(store().findTask(t.id())).contains(stored);
    assertThat(store().listTasks(new TaskFilter(P1, null, null, "agent-ß")))
        .containsExactly(stored);
  }

  @Test
  default void phasesWorkflowsPipelinesTransitionsAndResultsSurvive() {
    Phase ph =
        store()
            .insertPhase(
                new Phase(PhaseId.of("ph"), P1, "φ", "δ", 3, awkwardMap(), NANOS, NANOS, 0));
    Workflow w =
        store()
            .insertWorkflow(
                new Workflow(
                    dev.gantry.workflow.WorkflowId.of("w1"),
                    "wf ✓",
                    TaskId.of("t1"),
                    awkwardMap(),
                    WorkflowState.RETRYING,
                    dev.gantry.workflow.ExecutionId.of("e1"),
                    NANOS,
                    NANOS,
                    0));
    PipelineRecord pl =
        new PipelineRecord(
            PipelineId.of("pl"), TaskId.of("t1"), StoreFixtures.spec(), null, awkwardMap(), NANOS);
    store().insertPipeline(pl);
    Transition tr = new Transition("w1", "workflow", "running", "retrying", NANOS, awkwardMap());
    store().appendTransition(tr);
    WorkflowResult r =
        new WorkflowResult(
            dev.gantry.workflow.ExecutionId.of("e1"),
            w.id(),
            w.taskId(),
            "ci",
            false,
            awkwardMap(),
            NANOS);
    store().saveResult(r);

    assertThat(store().findPhase(ph.id())).contains(ph);
    assertThat(store().findWorkflow(w.id())).contains(w);
    assertThat(store().findPipeline(pl.id())).contains(pl);
    assertThat(store().listTransitions("w1")).containsExactly(tr);
    assertThat(store().findResult(r.executionId())).contains(r);
  }

  @Test
  default void anExecutionWithStepsAttemptsAndLargeLogsSurvives() {
    String bigLog = "line with ünïcode ✓\n".repeat(60_000);
    StepAttempt failed =
        new StepAttempt(1, "c0ffee", NANOS, NANOS.plusMillis(5), 137, true, false, "", bigLog, "");
    StepAttempt ok =
        new StepAttempt(2, "beef", NANOS.plusSeconds(1), null, 0, false, false, "ok", null, null);
    StepRun build =
        new StepRun(
            "build",
            StepState.COMPLETED,
            List.of(failed, ok),
            List.of(new ArtifactRef("/out", "sha256:" + "0f".repeat(32), 4096)),
            null,
            NANOS,
            NANOS.plusSeconds(2));
    Workflow wf = workflow("w1", TaskId.of("t1"), WorkflowState.RUNNING, T0);
    Execution e =
        execution("e1", wf, WorkflowState.RUNNING, NANOS)
            .withSteps(List.of(build, StepRun.pending("check")))
            .withOutcome(awkwardMap(), "partial ✗");

    Execution stored = store().insertExecution(e);

    assertThat(stored).isEqualTo(e.withVersion(1));
    assertThat(store().findExecution(e.id())).contains(stored);
    assertThat(store().findExecution(e.id()).orElseThrow().step("build").attempts().get(0).stderr())
        .hasSize(bigLog.length());
  }
}
