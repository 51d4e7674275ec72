package dev.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.store.InMemoryStore;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskServiceTest {
  private final TaskService tasks = new TaskService(new InMemoryStore(), Clock.systemUTC());

  @Test
  void metadataIsMergedOnUpdate() {
    Project p = tasks.createProject("p", null, Map.of());
    Task t =
        tasks.createTask(TaskDraft.builder(p.id(), "t").metadata(Map.of("a", 1, "b", 2)).build());
    Task updated =
        tasks.updateTask(t.id(), TaskPatch.builder().metadata(Map.of("b", 3, "c", 4)).build());
    assertThat(updated.metadata()).isEqualTo(Map.of("a", 1, "b", 3, "c", 4));
    assertThat(updated.version()).isEqualTo(t.version() + 1);
  }

  @Test
  void anUpdateOfAKnownTaskReappliesThePatchWhenTheTaskChangedMeanwhile() {
    Project p = tasks.createProject("p", null, Map.of());
    Task known = tasks.createTask(TaskDraft.builder(p.id(), "t").build());

    Task once = tasks.updateTask(known, TaskPatch.builder().metadata(Map.of("served", 1)).build());
    assertThat(once.version()).isEqualTo(known.version() + 1);

    // known is now stale: the patch is applied to the current task, nothing is lost
    Task twice =
        tasks.updateTask(
            known,
            TaskPatch.builder().status(TaskStatus.COMPLETED).metadata(Map.of("again", 2)).build());
    assertThat(twice.version()).isEqualTo(known.version() + 2);
    assertThat(twice.metadata()).isEqualTo(Map.of("served", 1, "again", 2));
    assertThat(twice.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void statusPriorityAndProgressAreValidated() {
    assertThatThrownBy(() -> TaskStatus.parse("doing"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "status: expected one of planned, pending, in_progress, completed, failed, blocked,"
                + " cancelled, got 'doing'");
    assertThatThrownBy(() -> Priority.parse("urgent"))
        .hasMessage("priority: expected one of low, medium, high, critical, got 'urgent'");
    assertThatThrownBy(() -> TaskPatch.builder().progress(101).build())
        .hasMessage("progress: expected 0-100, got 101");
    assertThat(TaskStatus.parse("In-Progress")).isEqualTo(TaskStatus.IN_PROGRESS);
  }

  @Test
  void phasesAreOrderedAndTasksMustStayInTheirProject() {
    Project p = tasks.createProject("p", null, Map.of());
    Project other = tasks.createProject("o", null, Map.of());
    Phase second = tasks.createPhase(p.id(), "second", null, 2, Map.of());
    Phase first = tasks.createPhase(p.id(), "first", null, 1, Map.of());
    Phase third = tasks.createPhase(p.id(), "third", null, null, Map.of());
    assertThat(tasks.listPhases(p.id()))
        .extracting(Phase::name)
        .containsExactly("first", "second", "third");
    assertThat(third.order()).isEqualTo(3);
    assertThatThrownBy(
            () -> tasks.createTask(TaskDraft.builder(other.id(), "x").phase(first.id()).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("phase_id: phase '" + first.id() + "' belongs to another project");
    assertThat(second.projectId()).isEqualTo(p.id());
  }

  @Test
  void progressAndFilters() {
    Project p = tasks.createProject("p", null, Map.of());
    Phase ph = tasks.createPhase(p.id(), "ph", null, null, Map.of());
    Task a =
        tasks.createTask(
            TaskDraft.builder(p.id(), "a").phase(ph.id()).assignee("bot-1", "agent").build());
    tasks.createTask(TaskDraft.builder(p.id(), "b").phase(ph.id()).build());
    tasks.updateTask(a.id(), TaskPatch.builder().status(TaskStatus.COMPLETED).build());
    Task c = tasks.createTask(TaskDraft.builder(p.id(), "c").build());
    tasks.updateTask(c.id(), TaskPatch.builder().progress(50).build());

    Progress project = tasks.projectProgress(p.id());
    assertThat(project.total()).isEqualTo(3);
    assertThat(project.completed()).isEqualTo(1);
    assertThat(project.percent()).isEqualTo(50);
    assertThat(tasks.phaseProgress(ph.id()).percent()).isEqualTo(50);
    assertThat(tasks.listTasks(new TaskFilter(p.id(), null, null, "bot-1")))
        .extracting(Task::name)
        .containsExactly("a");
    assertThat(tasks.listTasks(new TaskFilter(p.id(), ph.id(), TaskStatus.PENDING, null)))
        .extracting(Task::name)
        .containsExactly("b");
  }

  @Test
  void unknownRecordsAreNotFound() {
    assertThatThrownBy(() -> tasks.getTask(TaskId.of("task-x")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("task 'task-x' not found");
    assertThatThrownBy(() -> tasks.createTask(TaskDraft.builder(ProjectId.of("nope"), "t").build()))
        .hasMessage("project 'nope' not found");
    assertThatThrownBy(() -> tasks.deleteProject(ProjectId.of("nope")))
        .isInstanceOf(NotFoundException.class);
  }
}
