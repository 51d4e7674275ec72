package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchOutcome;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.runtime.Labels;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Phase;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches over a project's tasks with the scripted runtime: order, blocking, bounds, cancel. */
class BatchTest {
  @TempDir Path dataDir;
  private ScriptedRunner runner;
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void setUp() {
    runner = new ScriptedRunner();
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withStore(new StoreConfig("memory", null, null, null));
    gantry =
        TaskWorkflowIntegration.builder(config).store(new InMemoryStore()).runner(runner).build();
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  @AfterEach
  void tearDown() {
    runner.release.countDown();
    gantry.close();
  }

  private Task task(String name, String command, Phase phase, Task... deps) {
    TaskDraft.Builder draft =
        TaskDraft.builder(project.id(), name)
            .id(TaskId.of(name))
            .dependsOn(List.of(deps).stream().map(Task::id).toList());
    if (phase != null) {
      draft.phase(phase.id());
    }
    Task t = gantry.tasks().createTask(draft.build());
    gantry.createCustomPipeline(
        t.id().value(),
        Map.of("steps", List.of(Map.of("name", "s", "command", List.of(command.split(" "))))));
    return t;
  }

  private Task task(String name, String command, Task... deps) {
    return task(name, command, null, deps);
  }

  private BatchRequest.Builder request() {
    return BatchRequest.builder(project.id().value()).skipCache(true);
  }

  /** The task ids in the order their steps started. */
  private List<String> startOrder() {
    return runner.requests.stream().map(r -> r.labels().get(Labels.TASK)).toList();
  }

  @Test
  void runsEachTaskAfterItsDependencies() {
    Task c = task("c", "ok c");
    Task b = task("b", "ok b", c);
    Task a = task("a", "ok a", b);
    Task d = task("d", "ok d", a, c);

    BatchResult result = gantry.executeWorkflowsForProject(request().concurrency(4).build(), null);

    assertThat(result.success()).isTrue();
    assertThat(result.tasks())
        .extracting(BatchTaskResult::taskId)
        .containsExactly("c", "b", "a", "d");
    assertThat(result.tasks()).allMatch(t -> t.outcome() == BatchOutcome.COMPLETED);
    assertThat(startOrder()).containsExactly("c", "b", "a", "d");
    assertThat(gantry.tasks().getTask(d.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.task("a").executionId()).isNotNull();
  }

  @Test
  void dependentsOfAFailedTaskEndBlockedWithAReason() {
    Task root = task("root", "fail 3");
    Task child = task("child", "ok", root);
    Task grandchild = task("grandchild", "ok", child);
    Task other = task("other", "ok");

    BatchResult result = gantry.executeWorkflowsForProject(request().build(), null);

    assertThat(result.task("root").outcome()).isEqualTo(BatchOutcome.FAILED);
    assertThat(result.task("root").reason()).contains("exit");
    assertThat(result.task("child").outcome()).isEqualTo(BatchOutcome.BLOCKED);
    assertThat(result.task("child").reason()).startsWith("dependency 'root' failed");
    assertThat(result.task("grandchild").outcome()).isEqualTo(BatchOutcome.BLOCKED);
    assertThat(result.task("grandchild").reason()).startsWith("dependency 'child' is blocked");
    assertThat(result.task("other").outcome()).isEqualTo(BatchOutcome.COMPLETED);
    Task blocked = gantry.tasks().getTask(grandchild.id());
    assertThat(blocked.status()).isEqualTo(TaskStatus.BLOCKED);
    assertThat(blocked.error()).contains("child");
    assertThat(gantry.tasks().getTask(root.id()).status()).isEqualTo(TaskStatus.FAILED);
    assertThat(startOrder()).doesNotContain("child", "grandchild");
    assertThat(result.success()).isFalse();
    assertThat(result.counts()).containsEntry("failed", 1).containsEntry("blocked", 2);
    assertThat(other.id()).isNotNull();
  }

  @Test
  void neverRunsMoreThanTheConcurrencyAtOnce() {
    for (int i = 0; i < 10; i++) {
      task("t" + i, "gate");
    }
    BatchHandle handle =
        gantry.executeWorkflowsForProjectAsync(request().concurrency(3).build(), null);
    await().until(() -> runner.running.get() == 3);
    await().during(Duration.ofMillis(300)).until(() -> runner.running.get() == 3);
    assertThat(handle.progress().running()).isEqualTo(3);

    runner.release.countDown();
    BatchResult result = awaitResult(handle);

    assertThat(runner.maxRunning.get()).isEqualTo(3);
    assertThat(result.concurrency()).isEqualTo(3);
    assertThat(result.counts()).containsEntry("completed", 10);
  }

  @Test
  void concurrencyDefaultsToTheConfiguredValue() {
    for (int i = 0; i < 6; i++) {
      task("t" + i, "ok");
    }
    BatchResult result =
        gantry.executeWorkflowsForProject(project.id().value(), null, null, null, true, null);
    assertThat(result.concurrency()).isEqualTo(gantry.config().runtime().maxParallelWorkflows());
    assertThat(result.counts()).containsEntry("completed", 6);
    assertThatThrownBy(
            () ->
                gantry.executeWorkflowsForProject(project.id().value(), null, null, null, true, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("concurrency");
  }

  @Test
  void filtersByPhaseAndStatus() {
    Phase one = gantry.tasks().createPhase(project.id(), "one", "", null, Map.of());
    Phase two = gantry.tasks().createPhase(project.id(), "two", "", null, Map.of());
    task("a", "ok", one);
    task("b", "ok", one);
    task("c", "ok", two);
    gantry
        .tasks()
        .updateTask(TaskId.of("b"), TaskPatch.builder().status(TaskStatus.PLANNED).build());

    BatchResult byPhase =
        gantry.executeWorkflowsForProject(
            request().phaseId(one.id().value()).status("pending").build(), null);

    assertThat(byPhase.tasks()).extracting(BatchTaskResult::taskId).containsExactly("a");
    assertThat(startOrder()).containsExactly("a");
    assertThatThrownBy(
            () -> gantry.executeWorkflowsForProject(request().status("nonsense").build(), null))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("nonsense");
    assertThatThrownBy(
            () -> gantry.executeWorkflowsForProject(request().phaseId("nope").build(), null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void dependencyOutsideTheBatchDecidesUpFront() {
    Phase one = gantry.tasks().createPhase(project.id(), "one", "", null, Map.of());
    Phase two = gantry.tasks().createPhase(project.id(), "two", "", null, Map.of());
    Task early = task("early", "ok", one);
    Task broken = task("broken", "ok", one);
    gantry.tasks().updateTask(broken.id(), TaskPatch.builder().status(TaskStatus.FAILED).build());
    task("waits", "ok", two, early);
    task("stuck", "ok", two, broken);

    BatchResult result =
        gantry.executeWorkflowsForProject(request().phaseId(two.id().value()).build(), null);

    assertThat(result.task("waits").outcome()).isEqualTo(BatchOutcome.SKIPPED);
    assertThat(result.task("waits").reason()).contains("'early' is not in this batch");
    assertThat(result.task("stuck").outcome()).isEqualTo(BatchOutcome.BLOCKED);
    assertThat(gantry.tasks().getTask(TaskId.of("stuck")).status()).isEqualTo(TaskStatus.BLOCKED);
    assertThat(runner.requests).isEmpty();
  }

  @Test
  void aRerunSkipsCompletedTasksUnlessForced() {
    Task a = task("a", "ok");
    task("b", "ok", a);
    gantry.executeWorkflowsForProject(request().build(), null);
    assertThat(runner.requests).hasSize(2);

    BatchResult again = gantry.executeWorkflowsForProject(request().build(), null);
    assertThat(again.tasks()).allMatch(t -> t.outcome() == BatchOutcome.SKIPPED);
    assertThat(again.task("a").reason()).contains("already completed");
    assertThat(runner.requests).hasSize(2);

    BatchResult forced = gantry.executeWorkflowsForProject(request().force(true).build(), null);
    assertThat(forced.tasks()).allMatch(t -> t.outcome() == BatchOutcome.COMPLETED);
    assertThat(runner.requests).hasSize(4);
  }

  @Test
  void reportsProgressForEveryTask() {
    Task a = task("a", "ok");
    task("b", "fail 1", a);
    task("c", "ok");
    List<BatchProgress> events = new CopyOnWriteArrayList<>();

    BatchResult result = gantry.executeWorkflowsForProject(request().build(), events::add);

    assertThat(events).extracting(BatchProgress::event).filteredOn("started"::equals).hasSize(3);
    List<String> ends = new ArrayList<>();
    events.stream().filter(e -> e.result() != null).forEach(e -> ends.add(e.taskId()));
    assertThat(ends).containsExactlyInAnyOrder("a", "b", "c");
    BatchProgress last = events.get(events.size() - 1);
    assertThat(last.finished()).isEqualTo(3);
    assertThat(last.percent()).isEqualTo(100);
    assertThat(last.failed()).isEqualTo(1);
    assertThat(last.batchId()).isEqualTo(result.batchId());
  }

  @Test
  void aTaskWhoseExecutionIsStillRunningIsNotStartedTwice() {
    Task busy = task("busy", "gate");
    task("after", "ok", busy);
    gantry.executeTaskWorkflowAsync("busy", null, Map.of(), true);
    await().until(() -> runner.running.get() == 1);

    BatchResult result = gantry.executeWorkflowsForProject(request().build(), null);

    assertThat(result.task("busy").outcome()).isEqualTo(BatchOutcome.SKIPPED);
    assertThat(result.task("busy").reason()).contains("has not ended yet");
    assertThat(result.task("after").outcome()).isEqualTo(BatchOutcome.SKIPPED);
    assertThat(result.task("after").reason()).startsWith("dependency 'busy' was skipped");
    assertThat(runner.requests).hasSize(1);
  }

  @Test
  void aCycleIsAnErrorNamingIt() {
    Task a = task("a", "ok");
    Task b = task("b", "ok", a);
    assertThatThrownBy(
            () ->
                gantry
                    .tasks()
                    .updateTask(a.id(), TaskPatch.builder().dependsOn(List.of(b.id())).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dependency cycle: a → b → a");
  }

  @Test
  void createWorkflowsForProjectGivesAWorkflowPerTask() {
    Task a = task("a", "ok");
    task("b", "ok", a);
    Map<String, String> ids = gantry.createWorkflowsForProject(project.id().value(), null, null);
    assertThat(ids.keySet()).containsExactly("a", "b");
    assertThat(gantry.getWorkflow(ids.get("b")).taskId().value()).isEqualTo("b");
    assertThat(gantry.tasks().getTask(a.id()).metadata())
        .containsEntry("workflow_id", ids.get("a"));
  }

  @Test
  void cancellingABatchCancelsRunningAndSkipsTheRest() throws Exception {
    for (int i = 0; i < 5; i++) {
      task("t" + i, "gate");
    }
    BatchHandle handle =
        gantry.executeWorkflowsForProjectAsync(request().concurrency(2).build(), null);
    await().until(() -> runner.running.get() == 2);

    BatchResult result = gantry.cancelBatch(handle.batchId());

    assertThat(result.cancelled()).isTrue();
    assertThat(result.counts()).containsEntry("cancelled", 2).containsEntry("skipped", 3);
    assertThat(result.tasks())
        .filteredOn(t -> t.outcome() == BatchOutcome.SKIPPED)
        .allMatch(t -> t.reason().contains("batch was cancelled"));
    assertThat(result.tasks())
        .filteredOn(t -> t.outcome() == BatchOutcome.CANCELLED)
        .allMatch(
            t -> gantry.tasks().getTask(TaskId.of(t.taskId())).status() == TaskStatus.CANCELLED);
    assertThat(runner.running.get()).isZero();
    assertThatThrownBy(() -> gantry.cancelBatch(handle.batchId()))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("already finished");
    assertThatThrownBy(() -> gantry.cancelBatch("batch-unknown"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void cancelExecutionByIdStopsItAndUpdatesTheTask() {
    Task t = task("t", "gate");
    var handle = gantry.executeTaskWorkflowAsync(t.id().value(), null, Map.of(), true);
    await().until(() -> runner.running.get() == 1);

    Execution done = gantry.cancelExecution(handle.executionId().value());

    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("s").state()).isEqualTo(StepState.CANCELLED);
    assertThat(gantry.tasks().getTask(t.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThatThrownBy(() -> gantry.cancelExecution(handle.executionId().value()))
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("already ended (cancelled)");
    assertThatThrownBy(() -> gantry.cancelExecution("exec-unknown"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void cancelExecutionOfOneNotRunningHereMovesItsRecordToCancelled() {
    Task t = task("t", "ok");
    var workflow = gantry.createWorkflowFromTask(t.id().value(), null, Map.of());
    var pipeline = gantry.store().listPipelines(t.id()).get(0).spec();
    // Another live instance holds it: its lease keeps this instance's reconciler away.
    ExecutionId id = ExecutionId.random();
    java.time.Instant now = java.time.Instant.now();
    assertThat(
            gantry.store().claimLease(id, "another-instance", now.plus(Duration.ofHours(1)), now))
        .isTrue();
    Execution queued =
        gantry
            .store()
            .insertExecution(
                new Execution(
                    id,
                    WorkflowId.of(workflow.workflowId()),
                    t.id(),
                    "containerized_workflow",
                    WorkflowState.QUEUED,
                    Map.of(),
                    pipeline,
                    List.of(StepRun.pending("s")),
                    null,
                    null,
                    java.time.Instant.now(),
                    null,
                    null,
                    0));

    Execution done = gantry.cancelExecution(queued.id().value());

    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("s").state()).isEqualTo(StepState.CANCELLED);
    assertThat(gantry.getWorkflow(workflow.workflowId()).state())
        .isEqualTo(WorkflowState.CANCELLED);
    assertThat(gantry.tasks().getTask(t.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(gantry.getResult(queued.id().value()).success()).isFalse();
  }

  private static BatchResult awaitResult(BatchHandle handle) {
    try {
      return handle.await(Duration.ofSeconds(30));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
