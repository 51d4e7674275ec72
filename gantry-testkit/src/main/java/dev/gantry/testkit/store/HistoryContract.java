package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.result;
import static dev.gantry.testkit.store.StoreFixtures.transition;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.SequencedTransition;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transitions (append-only history) and results (one per execution). */
public interface HistoryContract extends StoreUnderTest {
  @Test
  default void transitionsAreListedPerEntityInTheOrderTheyWereAppended() {
    Transition queued = transition("e-1", "created", "queued", at(1));
    Transition running = transition("e-1", "queued", "running", at(2));
    Transition other = transition("e-2", "created", "queued", at(1));
    Transition step1 =
        new Transition("e-1", "step:build", "pending", "running", at(3), Map.of("attempt", 1));
    Transition step2 = new Transition("e-1", "step:build", "running", "completed", at(3), null);
    for (Transition t : new Transition[] {queued, other, running, step1, step2}) {
      store().appendTransition(t);
    }

    assertThat(store().listTransitions("e-1")).containsExactly(queued, running, step1, step2);
    assertThat(store().listTransitions("e-2")).containsExactly(other);
    assertThat(store().listTransitions("e-3")).isEmpty();
  }

  @Test
  default void allTransitionsAreListedInAppendOrderAfterASequenceNumber() {
    Transition a = transition("e-1", "created", "queued", at(1));
    Transition b = transition("e-2", "created", "queued", at(1));
    Transition c = transition("e-1", "queued", "running", at(2));
    for (Transition t : new Transition[] {a, b, c}) {
      store().appendTransition(t);
    }

    var all = store().listTransitionsAfter(0, 100);
    assertThat(all).extracting(SequencedTransition::transition).containsExactly(a, b, c);
    assertThat(all.get(0).seq()).isLessThan(all.get(1).seq());
    assertThat(all.get(1).seq()).isLessThan(all.get(2).seq());
    assertThat(store().listTransitionsAfter(all.get(0).seq(), 100))
        .extracting(SequencedTransition::transition)
        .containsExactly(b, c);
    assertThat(store().listTransitionsAfter(0, 2)).hasSize(2);
    assertThat(store().listTransitionsAfter(all.get(2).seq(), 100)).isEmpty();
  }

  @Test
  default void equalTransitionsAreAllKept() {
    Transition t = transition("w-1", "created", "queued", T0);
    store().appendTransition(t);
    store().appendTransition(t);
    assertThat(store().listTransitions("w-1")).containsExactly(t, t);
  }

  @Test
  default void resultsAreSavedFoundAndReplacedPerExecution() {
    Workflow w = workflow("w1", TaskId.of("task-a"), WorkflowState.COMPLETED, T0);
    Execution e1 = execution("e1", w, WorkflowState.COMPLETED, T0);
    WorkflowResult first = result(e1, at(1));
    store().saveResult(first);
    assertThat(store().findResult(e1.id())).contains(first);

    WorkflowResult replaced =
        new WorkflowResult(
            e1.id(), w.id(), w.taskId(), "ci", false, Map.of("error", "late failure"), at(2));
    store().saveResult(replaced);

    assertThat(store().findResult(e1.id())).contains(replaced);
    assertThat(store().listResults(w.taskId())).containsExactly(replaced);
    assertThat(store().findResult(ExecutionId.of("e9"))).isEmpty();
  }

  @Test
  default void resultsAreListedPerTaskByStorageTime() {
    Workflow wa = workflow("wa", TaskId.of("task-a"), WorkflowState.COMPLETED, T0);
    Workflow wb = workflow("wb", TaskId.of("task-b"), WorkflowState.COMPLETED, T0);
    WorkflowResult late = result(execution("e-late", wa, WorkflowState.COMPLETED, T0), at(9));
    WorkflowResult early = result(execution("e-early", wa, WorkflowState.COMPLETED, T0), at(1));
    WorkflowResult other = result(execution("e-other", wb, WorkflowState.COMPLETED, T0), at(5));
    store().saveResult(late);
    store().saveResult(other);
    store().saveResult(early);

    assertThat(store().listResults(wa.taskId())).containsExactly(early, late);
    assertThat(store().listResults(wb.taskId())).containsExactly(other);
    assertThat(store().listResults(TaskId.of("task-z"))).isEmpty();
  }
}
