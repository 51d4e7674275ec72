package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.P2;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.NotFoundException;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks: filters, order, versions, duplicates. */
public interface TaskContract extends StoreUnderTest {
  PhaseId BUILD = PhaseId.of("build");
  PhaseId SHIP = PhaseId.of("ship");

  private void insertSampleTasks() {
    store().insertTask(task("t1", P1, BUILD, TaskStatus.PENDING, "ann", at(1)));
    store().insertTask(task("t2", P1, BUILD, TaskStatus.IN_PROGRESS, "bob", at(2)));
    store().insertTask(task("t3", P1, SHIP, TaskStatus.PENDING, "bob", at(3)));
    store().insertTask(task("t4", P1, null, TaskStatus.PENDING, null, at(4)));
    store().insertTask(task("t5", P2, BUILD, TaskStatus.PENDING, "bob", at(0)));
  }

  private List<String> ids(TaskFilter filter) {
    return store().listTasks(filter).stream().map(t -> t.id().value()).toList();
  }

  @Test
  default void listWithoutFilterReturnsAllByCreation() {
    insertSampleTasks();
    assertThat(ids(TaskFilter.all())).containsExactly("t5", "t1", "t2", "t3", "t4");
    assertThat(ids(null)).containsExactly("t5", "t1", "t2", "t3", "t4");
  }

  @Test
  default void filtersByProject() {
    insertSampleTasks();
    assertThat(ids(TaskFilter.project(P1))).containsExactly("t1", "t2", "t3", "t4");
    assertThat(ids(TaskFilter.project(P2))).containsExactly("t5");
  }

  @Test
  default void filtersByPhase() {
    insertSampleTasks();
    assertThat(ids(new TaskFilter(null, BUILD, null, null))).containsExactly("t5", "t1", "t2");
    assertThat(ids(new TaskFilter(null, SHIP, null, null))).containsExactly("t3");
  }

  @Test
  default void filtersByStatus() {
    insertSampleTasks();
    assertThat(ids(new TaskFilter(null, null, TaskStatus.IN_PROGRESS, null))).containsExactly("t2");
    assertThat(ids(new TaskFilter(null, null, TaskStatus.COMPLETED, null))).isEmpty();
  }

  @Test
  default void filtersByAssignee() {
    insertSampleTasks();
    assertThat(ids(new TaskFilter(null, null, null, "bob"))).containsExactly("t5", "t2", "t3");
    assertThat(ids(new TaskFilter(null, null, null, "nobody"))).isEmpty();
  }

  @Test
  default void combinesFilters() {
    insertSampleTasks();
    assertThat(ids(new TaskFilter(P1, BUILD, null, "bob"))).containsExactly("t2");
    assertThat(ids(new TaskFilter(P1, null, TaskStatus.PENDING, "bob"))).containsExactly("t3");
    assertThat(ids(new TaskFilter(P1, BUILD, TaskStatus.PENDING, "ann"))).containsExactly("t1");
    assertThat(ids(new TaskFilter(P2, SHIP, TaskStatus.PENDING, "bob"))).isEmpty();
  }

  @Test
  default void tasksWithTheSameCreationTimeAreOrderedById() {
    store().insertTask(task("task-b", P1, T0));
    store().insertTask(task("task-B", P1, T0));
    store().insertTask(task("task-a", P1, T0));
    store().insertTask(task("task.a", P1, T0));
    store().insertTask(task("task_a", P1, T0));
    // Java string order (UTF-16 code units), not a database collation.
    assertThat(ids(TaskFilter.all()))
        .containsExactly("task-B", "task-a", "task-b", "task.a", "task_a");
  }

  @Test
  default void updateIsSeenByFindAndByTheFilters() {
    insertSampleTasks();
    Task t1 = store().findTask(TaskId.of("t1")).orElseThrow();
    TaskPatch patch =
        TaskPatch.builder()
            .status(TaskStatus.COMPLETED)
            .assignee("cyd", "ai")
            .phaseId(SHIP)
            .progress(100)
            .metadata(Map.of("done", true))
            .build();

    Task stored = store().updateTask(t1.apply(patch, at(30)));

    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.updatedAt()).isEqualTo(at(30));
    assertThat(stored.metadata()).containsEntry("origin", "test").containsEntry("done", true);
    assertThat(store().findTask(t1.id())).contains(stored);
    assertThat(ids(new TaskFilter(null, null, TaskStatus.COMPLETED, "cyd"))).containsExactly("t1");
    assertThat(ids(new TaskFilter(null, SHIP, null, null))).containsExactly("t1", "t3");
    assertThat(ids(new TaskFilter(null, null, null, "ann"))).isEmpty();
  }

  @Test
  default void versionsStartAtOneAndIncrementByOne() {
    Task v = store().insertTask(task("t1", P1, T0));
    assertThat(v.version()).isEqualTo(1);
    for (int i = 2; i <= 5; i++) {
      v = store().updateTask(v.apply(TaskPatch.builder().progress(i * 10).build(), at(i)));
      assertThat(v.version()).isEqualTo(i);
      assertThat(store().findTask(v.id()).orElseThrow().version()).isEqualTo(i);
    }
  }

  @Test
  default void staleTaskUpdateThrowsAndChangesNothing() {
    Task v1 = store().insertTask(task("t1", P1, T0));
    Task v2 = store().updateTask(v1.apply(TaskPatch.builder().name("fresh").build(), at(1)));

    Task stale = v1.apply(TaskPatch.builder().status(TaskStatus.FAILED).build(), at(2));
    assertThatThrownBy(() -> store().updateTask(stale))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("t1")
        .hasMessageContaining("version 1");
    assertThat(store().findTask(v1.id())).contains(v2);
    assertThat(ids(new TaskFilter(null, null, TaskStatus.FAILED, null))).isEmpty();
  }

  @Test
  default void updateWithAFutureVersionIsStaleToo() {
    Task v1 = store().insertTask(task("t1", P1, T0));
    assertThatThrownBy(() -> store().updateTask(v1.withVersion(5, at(1))))
        .isInstanceOf(StaleVersionException.class);
    assertThat(store().findTask(v1.id())).contains(v1);
  }

  @Test
  default void updateOfUnknownTaskThrowsNotFound() {
    assertThatThrownBy(() -> store().updateTask(task("ghost", P1, T0).withVersion(1, T0)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  default void duplicateTaskInsertThrowsAndKeepsTheFirst() {
    Task first = store().insertTask(task("t1", P1, T0));
    assertThatThrownBy(() -> store().insertTask(task("t1", P2, at(1))))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("t1");
    assertThat(store().findTask(first.id())).contains(first);
    assertThat(ids(TaskFilter.project(P2))).isEmpty();
  }
}
