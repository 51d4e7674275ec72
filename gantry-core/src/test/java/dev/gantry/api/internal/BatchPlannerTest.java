package dev.gantry.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.api.BatchOutcome;
import dev.gantry.api.internal.BatchPlanner.PlannedTask;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {
  private static Task task(String id, TaskStatus status, String... deps) {
    return new Task(
        TaskId.of(id),
        ProjectId.of("p"),
        null,
        null,
        id,
        "",
        status,
        null,
        Map.of(),
        0,
        null,
        null,
        null,
        null,
        List.of(deps).stream().map(TaskId::of).toList(),
        Instant.EPOCH,
        Instant.EPOCH,
        0);
  }

  private static final Map<String, Task> OUTSIDE =
      Map.of(
          "done", task("done", TaskStatus.COMPLETED),
          "broken", task("broken", TaskStatus.FAILED),
          "todo", task("todo", TaskStatus.PENDING));

  private static List<PlannedTask> plan(boolean force, Task... tasks) {
    return BatchPlanner.plan(
        List.of(tasks), id -> Optional.ofNullable(OUTSIDE.get(id.value())), force);
  }

  @Test
  void plansInDependencyOrder() {
    List<PlannedTask> plan =
        plan(
            false,
            task("c", TaskStatus.PENDING, "b"),
            task("b", TaskStatus.PENDING, "a"),
            task("a", TaskStatus.PENDING));
    assertThat(plan).extracting(p -> p.id().value()).containsExactly("a", "b", "c");
    assertThat(plan).allMatch(p -> p.preset() == null);
  }

  @Test
  void skipsCompletedTasksUnlessForced() {
    PlannedTask skipped = plan(false, task("a", TaskStatus.COMPLETED)).get(0);
    assertThat(skipped.preset()).isEqualTo(BatchOutcome.SKIPPED);
    assertThat(skipped.satisfied()).isTrue();
    assertThat(skipped.reason()).contains("already completed");
    assertThat(plan(true, task("a", TaskStatus.COMPLETED)).get(0).preset()).isNull();
  }

  @Test
  void decidesDependenciesOutsideTheBatch() {
    List<PlannedTask> plan =
        plan(
            false,
            task("ok", TaskStatus.PENDING, "done"),
            task("blocked", TaskStatus.PENDING, "broken"),
            task("waiting", TaskStatus.PENDING, "todo"),
            task("orphan", TaskStatus.PENDING, "gone"));
    assertThat(plan.get(0).preset()).isNull();
    assertThat(plan.get(1).preset()).isEqualTo(BatchOutcome.BLOCKED);
    assertThat(plan.get(1).reason()).isEqualTo("dependency 'broken' (not in this batch) is failed");
    assertThat(plan.get(2).preset()).isEqualTo(BatchOutcome.SKIPPED);
    assertThat(plan.get(2).reason()).contains("'todo' is not in this batch and is pending");
    assertThat(plan.get(3).reason()).isEqualTo("dependency 'gone' no longer exists");
  }

  @Test
  void aCycleInTheBatchIsAnError() {
    assertThatThrownBy(
            () ->
                plan(false, task("a", TaskStatus.PENDING, "b"), task("b", TaskStatus.PENDING, "a")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dependency cycle: a → b → a");
  }
}
