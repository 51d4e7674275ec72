package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.transition;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static dev.gantry.workflow.WorkflowState.COMPLETED;
import static dev.gantry.workflow.WorkflowState.CREATED;
import static dev.gantry.workflow.WorkflowState.QUEUED;
import static dev.gantry.workflow.WorkflowState.RETRYING;
import static dev.gantry.workflow.WorkflowState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.NotFoundException;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Executions: list per workflow, recovery by state, versions. */
public interface ExecutionContract extends StoreUnderTest {
  Workflow W1 = workflow("w1", TaskId.of("task-a"), CREATED, T0);
  Workflow W2 = workflow("w2", TaskId.of("task-b"), CREATED, T0);

  private List<String> inState(WorkflowState... states) {
    return store().listExecutionsInState(List.of(states)).stream()
        .map(e -> e.id().value())
        .toList();
  }

  @Test
  default void executionsAreListedPerWorkflowByCreation() {
    store().insertExecution(execution("e2", W1, QUEUED, at(2)));
    store().insertExecution(execution("e1", W1, COMPLETED, at(1)));
    store().insertExecution(execution("e3", W2, QUEUED, at(0)));

    assertThat(store().listExecutions(W1.id()))
        .extracting(e -> e.id().value())
        .containsExactly("e1", "e2");
    assertThat(store().listExecutions(W2.id()))
        .extracting(e -> e.id().value())
        .containsExactly("e3");
    assertThat(store().listExecutions(WorkflowId.of("w9"))).isEmpty();
  }

  @Test
  default void executionsAreFoundByStateForRecovery() {
    store().insertExecution(execution("e1", W1, QUEUED, at(1)));
    store().insertExecution(execution("e2", W1, RUNNING, at(2)));
    store().insertExecution(execution("e3", W2, COMPLETED, at(3)));
    store().insertExecution(execution("e4", W2, RETRYING, at(0)));

    assertThat(inState(QUEUED, RUNNING, RETRYING)).containsExactly("e4", "e1", "e2");
    assertThat(inState(COMPLETED)).containsExactly("e3");
    assertThat(inState(CREATED)).isEmpty();
    assertThat(inState()).isEmpty();
  }

  @Test
  default void insertStoresVersionOneAndKeepsEverythingElse() {
    Execution given = execution("e1", W1, QUEUED, T0).withVersion(4);
    Execution stored = store().insertExecution(given);

    assertThat(stored).isEqualTo(given.withVersion(1));
    assertThat(store().findExecution(given.id())).contains(stored);
    assertThat(store().findExecution(ExecutionId.of("e9"))).isEmpty();
  }

  @Test
  default void updatesIncrementTheVersionAndMoveTheStateIndex() {
    Execution v1 = store().insertExecution(execution("e1", W1, QUEUED, T0));
    Execution v2 = store().updateExecution(v1.moveTo(RUNNING, at(1)));
    Execution v3 = store().updateExecution(v2.moveTo(COMPLETED, at(2)));

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.startedAt()).isEqualTo(at(1));
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.finishedAt()).isEqualTo(at(2));
    assertThat(store().findExecution(v1.id())).contains(v3);
    assertThat(inState(QUEUED, RUNNING)).isEmpty();
    assertThat(inState(COMPLETED)).containsExactly("e1");
  }

  @Test
  default void staleExecutionUpdateThrowsAndChangesNothing() {
    Execution v1 = store().insertExecution(execution("e1", W1, QUEUED, T0));
    Execution v2 = store().updateExecution(v1.moveTo(RUNNING, at(1)));

    assertThatThrownBy(() -> store().updateExecution(v1.moveTo(WorkflowState.CANCELLED, at(2))))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("e1");
    assertThat(store().findExecution(v1.id())).contains(v2);
    assertThat(inState(WorkflowState.CANCELLED)).isEmpty();
  }

  @Test
  default void updateWithItsTransitionStoresBothOrNeither() {
    Execution v1 = store().insertExecution(execution("e1", W1, QUEUED, T0));
    Execution v2 =
        store()
            .updateExecution(
                v1.moveTo(RUNNING, at(1)), transition("e1", "queued", "running", at(1)));

    assertThat(v2.version()).isEqualTo(2);
    assertThat(store().findExecution(v1.id())).contains(v2);
    assertThat(store().listTransitions("e1")).extracting(Transition::to).containsExactly("running");

    assertThatThrownBy(
            () ->
                store()
                    .updateExecution(
                        v1.moveTo(WorkflowState.CANCELLED, at(2)),
                        transition("e1", "queued", "cancelled", at(2))))
        .isInstanceOf(StaleVersionException.class);
    assertThat(store().findExecution(v1.id())).contains(v2);
    assertThat(store().listTransitions("e1")).extracting(Transition::to).containsExactly("running");

    Execution v3 = store().updateExecution(v2.withOutcome(Map.of("ok", true), null), null);
    assertThat(v3.version()).isEqualTo(3);
    assertThat(store().findExecution(v1.id())).contains(v3);
    assertThat(store().listTransitions("e1")).hasSize(1);
  }

  @Test
  default void executionDuplicatesAndUnknownIdsAreRefused() {
    Execution first = store().insertExecution(execution("e1", W1, QUEUED, T0));
    assertThatThrownBy(() -> store().insertExecution(execution("e1", W2, RUNNING, at(1))))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("e1");
    assertThatThrownBy(
            () -> store().updateExecution(execution("e9", W1, QUEUED, T0).withVersion(1)))
        .isInstanceOf(NotFoundException.class);
    assertThat(store().findExecution(first.id())).contains(first);
    assertThat(store().listExecutions(W2.id())).isEmpty();
  }
}
