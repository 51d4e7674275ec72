package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RecoveryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.store.ExecutionLease;
import dev.gantry.store.InMemoryStore;
import dev.gantry.store.Store;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.internal.ExecutionRecorder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases, recovery and graceful shutdown (docs/durability.md) with the scripted runtime and two
 * instances on one in-memory store. The Docker ITs cover containers and a killed JVM.
 */
class DurabilityTest {
  @TempDir Path dir;
  final InMemoryStore store = new InMemoryStore();

  TaskWorkflowIntegration instance(String owner, ScriptedRunner runner) {
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dir)
            .withStore(new StoreConfig("memory", null, null, null))
            .withRecovery(new RecoveryConfig(2, 3600));
    return TaskWorkflowIntegration.builder(config)
        .store(store)
        .runner(runner)
        .ownerId(owner)
        .build();
  }

  String task(TaskWorkflowIntegration gantry, String definition) {
    Project p = gantry.tasks().createProject("p", "", Map.of());
    Task t = gantry.tasks().createTask(TaskDraft.builder(p.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), definition);
    return t.id().value();
  }

  static final String GATED =
      "{\"steps\": [{\"name\": \"first\", \"command\": [\"ok\", \"one\"]},"
          + " {\"name\": \"wait\", \"command\": [\"gate\"], \"depends_on\": [\"first\"]}]}";

  @Test
  void anExecutionIsStoredQueuedAndLeasedBeforeTheAcceptingCallReturns() {
    ScriptedRunner runner = new ScriptedRunner();
    try (TaskWorkflowIntegration gantry = instance("owner-a", runner)) {
      ExecutionHandle handle =
          gantry.executeTaskWorkflowAsync(task(gantry, GATED), null, Map.of(), true);

      Execution stored = store.findExecution(handle.executionId()).orElseThrow();
      assertThat(stored.state()).isIn(WorkflowState.QUEUED, WorkflowState.RUNNING);
      assertThat(store.listTransitions(stored.id().value()))
          .extracting(Transition::to)
          .startsWith("created", "queued");
      assertThat(store.findLease(stored.id()).map(ExecutionLease::owner)).contains("owner-a");
      runner.release.countDown();
    }
  }

  @Test
  void shutdownStopsStepsPastTheGraceLeavesTheExecutionQueuedAndTheNextStartFinishesIt()
      throws Exception {
    ScriptedRunner first = new ScriptedRunner();
    TaskWorkflowIntegration a = instance("owner-a", first);
    String taskId = task(a, GATED);
    ExecutionHandle handle = a.executeTaskWorkflowAsync(taskId, null, Map.of(), true);
    await().until(() -> first.running.get() == 1);

    a.shutdown(Duration.ofMillis(200));

    Execution left = store.findExecution(handle.executionId()).orElseThrow();
    assertThat(left.state()).isEqualTo(WorkflowState.QUEUED);
    assertThat(left.step("first").state()).isEqualTo(StepState.COMPLETED);
    assertThat(left.step("wait").state()).isEqualTo(StepState.PENDING);
    assertThat(store.findLease(left.id())).isEmpty();
    assertThatThrownBy(() -> handle.await(Duration.ofSeconds(5)))
        .isInstanceOf(EngineShutdownException.class)
        .hasMessageContaining("left queued");
    assertThatThrownBy(() -> a.executeTaskWorkflowAsync(taskId, null, Map.of(), true))
        .isInstanceOf(EngineShutdownException.class)
        .hasMessageContaining("shutting down");

    ScriptedRunner second = new ScriptedRunner();
    second.release.countDown();
    try (TaskWorkflowIntegration b = instance("owner-b", second)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> store.findExecution(left.id()).orElseThrow().state(),
              WorkflowState.COMPLETED::equals);
      assertThat(second.requests).extracting(r -> r.stepName()).containsExactly("wait");
      assertThat(b.getResult(left.id().value()).success()).isTrue();
      assertThat(b.getWorkflowStatus(taskId).taskStatus()).isEqualTo("completed");
    }
  }

  @Test
  void aRunningStepOfADeadOwnerRunsAgainOnceItsLeaseExpired() {
    ScriptedRunner dead = new ScriptedRunner();
    TaskWorkflowIntegration a = instance("owner-dead", dead);
    ExecutionHandle handle = a.executeTaskWorkflowAsync(task(a, GATED), null, Map.of(), true);
    await().until(() -> dead.running.get() == 1);
    ExecutionId id = handle.executionId();
    // The owner "dies": its lease is left to run out, nothing is written any more.
    Instant expiry = store.findLease(id).orElseThrow().expiresAt();

    ScriptedRunner runner = new ScriptedRunner();
    runner.release.countDown();
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5));
    GantryConfig config =
        GantryConfig.defaults().withDataDirectory(dir).withRecovery(new RecoveryConfig(2, 3600));
    try (TaskWorkflowIntegration b =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(runner)
            .ownerId("owner-b")
            .clock(later)
            .build()) {
      assertThat(later.instant()).isAfter(expiry);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> store.findExecution(id).orElseThrow().state(), WorkflowState.COMPLETED::equals);
      Execution done = store.findExecution(id).orElseThrow();
      assertThat(done.step("wait").attempts()).hasSize(1);
      assertThat(runner.requests).extracting(r -> r.stepName()).containsExactly("wait");
      assertThat(b.reconcile().resumedExecutions()).isEmpty();
    } finally {
      dead.release.countDown();
      a.close();
    }
    // The dead owner's late result does not overwrite the terminal record.
    assertThat(store.findExecution(id).orElseThrow().state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** The store as an owner sees it that dies after the final transition: no result, no release. */
  private Store dyingAfterTheFinalTransition() {
    return (Store)
        Proxy.newProxyInstance(
            Store.class.getClassLoader(),
            new Class<?>[] {Store.class},
            (proxy, method, args) -> {
              if (method.getName().equals("saveResult")) {
                return null;
              }
              if (method.getName().equals("releaseLease")) {
                return false;
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aResultItsOwnerDiedBeforeRecordingIsRecordedByTheNextInstance() throws Exception {
    ScriptedRunner runner = new ScriptedRunner();
    runner.release.countDown();
    GantryConfig config =
        GantryConfig.defaults().withDataDirectory(dir).withRecovery(new RecoveryConfig(1, 3600));
    TaskWorkflowIntegration a =
        TaskWorkflowIntegration.builder(config)
            .store(dyingAfterTheFinalTransition())
            .runner(runner)
            .ownerId("owner-a")
            .build();
    String taskId = task(a, GATED);
    ExecutionHandle handle = a.executeTaskWorkflowAsync(taskId, null, Map.of(), true);
    ExecutionId id = handle.executionId();
    assertThat(handle.await(Duration.ofSeconds(10)).state()).isEqualTo(WorkflowState.COMPLETED);
    a.close();
    assertThat(store.findResult(id)).isEmpty();
    assertThat(store.findLease(id).map(ExecutionLease::owner)).contains("owner-a");

    try (TaskWorkflowIntegration b = instance("owner-b", new ScriptedRunner())) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> b.reconcile().resumedExecutions().contains(id.value()));
      assertThat(store.findResult(id).orElseThrow().success()).isTrue();
      assertThat(store.findLease(id)).isEmpty();
      assertThat(b.getWorkflowStatus(taskId).taskStatus()).isEqualTo("completed");
    }
  }

  @Test
  void anExecutionWhoseOwnerIsAliveIsNotTakenOver() {
    ScriptedRunner runner = new ScriptedRunner();
    try (TaskWorkflowIntegration a = instance("owner-a", runner);
        TaskWorkflowIntegration b = instance("owner-b", new ScriptedRunner())) {
      ExecutionHandle handle = a.executeTaskWorkflowAsync(task(a, GATED), null, Map.of(), true);
      await().until(() -> runner.running.get() == 1);

      assertThat(b.reconcile().resumedExecutions()).isEmpty();
      assertThat(store.findLease(handle.executionId()).orElseThrow().owner()).isEqualTo("owner-a");
      runner.release.countDown();
    }
  }

  @Test
  void aLateWriteNeverOverwritesATerminalExecution() {
    Execution queued =
        store.insertExecution(
            new Execution(
                ExecutionId.of("e-late"),
                WorkflowId.of("w"),
                dev.gantry.task.TaskId.of("t"),
                "custom",
                WorkflowState.QUEUED,
                Map.of(),
                null,
                List.of(StepRun.pending("s")),
                null,
                null,
                Instant.now(),
                null,
                null,
                0));
    ExecutionRecorder late = new ExecutionRecorder(store, Clock.systemUTC(), queued);
    Execution running = late.moveTo(WorkflowState.RUNNING, Map.of());
    // Another instance took it over and finished it.
    store.updateExecution(running.moveTo(WorkflowState.COMPLETED, Instant.now()));

    assertThatThrownBy(() -> late.moveTo(WorkflowState.FAILED, Map.of()))
        .isInstanceOf(LateWriteException.class)
        .hasMessageContaining("e-late is already completed");
    assertThatThrownBy(() -> late.setOutcome(Map.of("x", 1), "late"))
        .isInstanceOf(LateWriteException.class);
    assertThat(store.findExecution(queued.id()).orElseThrow().state())
        .isEqualTo(WorkflowState.COMPLETED);
    assertThat(store.findExecution(queued.id()).orElseThrow().error()).isNull();
  }
}
