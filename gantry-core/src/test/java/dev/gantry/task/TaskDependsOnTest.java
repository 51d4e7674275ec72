package dev.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.store.InMemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code depends_on} is checked when a task is created or changed. */
class TaskDependsOnTest {
  private final TaskService tasks = new TaskService(new InMemoryStore(), Clock.systemUTC());
  private final Project project = tasks.createProject("p", null, Map.of());

  private Task task(String id, Task... deps) {
    return tasks.createTask(
        TaskDraft.builder(project.id(), id)
            .id(TaskId.of(id))
            .dependsOn(List.of(deps).stream().map(Task::id).toList())
            .build());
  }

  @Test
  void dependenciesAreStoredAndReplacedOnUpdate() {
    Task a = task("a");
    Task b = task("b");
    Task c = task("c", a);
    assertThat(tasks.getTask(c.id()).dependsOn()).containsExactly(a.id());
    Task changed = tasks.updateTask(c.id(), TaskPatch.builder().dependsOn(List.of(b.id())).build());
    assertThat(changed.dependsOn()).containsExactly(b.id());
    assertThat(
            tasks.updateTask(c.id(), TaskPatch.builder().dependsOn(List.of()).build()).dependsOn())
        .isEmpty();
  }

  @Test
  void unknownTasksAndTasksOfOtherProjectsAreRefused() {
    Project other = tasks.createProject("other", null, Map.of());
    Task foreign = tasks.createTask(TaskDraft.builder(other.id(), "f").build());
    assertThatThrownBy(
            () ->
                tasks.createTask(
                    TaskDraft.builder(project.id(), "x")
                        .dependsOn(List.of(TaskId.of("nope")))
                        .build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("depends_on[0]: unknown task 'nope'");
    assertThatThrownBy(
            () ->
                tasks.createTask(
                    TaskDraft.builder(project.id(), "x").dependsOn(List.of(foreign.id())).build()))
        .hasMessageContaining(
            "depends_on[0]: task '" + foreign.id() + "' belongs to another project");
  }

  @Test
  void aTaskCannotDependOnItselfOrCloseACycle() {
    Task a = task("a");
    Task b = task("b", a);
    Task c = task("c", b);
    assertThatThrownBy(
            () -> tasks.updateTask(a.id(), TaskPatch.builder().dependsOn(List.of(a.id())).build()))
        .hasMessage("depends_on[0]: a task cannot depend on itself");
    assertThatThrownBy(
            () -> tasks.updateTask(a.id(), TaskPatch.builder().dependsOn(List.of(c.id())).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "depends_on: dependency cycle: a → c → b → a (remove one of these depends_on entries)");
    assertThat(tasks.getTask(a.id()).dependsOn()).isEmpty();
  }
}
