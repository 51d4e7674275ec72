package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export and import of a project document: round trip, errors with paths, replace. */
class ProjectTransferTest {
  private static final String PIPELINE =
      """
      name: build-and-test
      description: two steps
      steps:
        - name: build
          image: busybox:latest
          command: "mkdir -p /out && echo hi > /out/a.txt"
          env: {GREETING: hi}
          outputs: [/out/a.txt]
          timeout_seconds: 30
          resources: {memory: 64m, cpus: 0.5, pids: 64}
        - name: test
          command: [cat, /out/a.txt]
          depends_on: [build]
          workdir: /out
          network: bridge
      """;

  private InMemoryStore store;
  private TaskService tasks;
  private ProjectTransfer transfer;
  private final PipelineParser parser = new PipelineParser("busybox:latest");

  @BeforeEach
  void setUp() {
    store = new InMemoryStore();
    tasks = new TaskService(store, Clock.systemUTC());
    transfer = new ProjectTransfer(store, parser, Clock.systemUTC());
  }

  /** A project with phases created out of order, tasks with every field, and a pipeline. */
  private Project sample() {
    Project p =
        tasks.createProject(ProjectId.of("src"), "Source", "the original", Map.of("team", "ml"));
    Phase late = tasks.createPhase(PhaseId.of("ph-late"), p.id(), "Late", "last", 7, Map.of());
    Phase early =
        tasks.createPhase(PhaseId.of("ph-early"), p.id(), "Early", "first", 2, Map.of("k", 1));
    assertThat(late.order()).isGreaterThan(early.order());
    Task parent =
        tasks.createTask(
            TaskDraft.builder(p.id(), "Parent")
                .id(TaskId.of("t-parent"))
                .phase(early.id())
                .priority(Priority.CRITICAL)
                .status(TaskStatus.PLANNED)
                .build());
    Task child =
        tasks.createTask(
            TaskDraft.builder(p.id(), "Child")
                .id(TaskId.of("t-child"))
                .phase(late.id())
                .parent(parent.id())
                .description("does things")
                .status(TaskStatus.BLOCKED)
                .priority(Priority.LOW)
                .metadata(Map.of("owner", "ana", "nested", Map.of("a", List.of(1, 2))))
                .assignee("agent-7", "agent")
                .dependsOn(List.of(parent.id()))
                .build());
    tasks.updateTask(child.id(), TaskPatch.builder().progress(40).build());
    store.insertPipeline(
        new PipelineRecord(
            dev.gantry.pipeline.PipelineId.random(),
            child.id(),
            parser.parse(PIPELINE),
            "custom",
            Map.of(),
            Clock.systemUTC().instant()));
    tasks.createTask(TaskDraft.builder(p.id(), "Loose").id(TaskId.of("t-loose")).build());
    return p;
  }

  @Test
  void exportThenImportIntoAnotherStoreKeepsPhasesTasksAndPipelines() {
    Project source = sample();
    String yaml = transfer.exportYaml(source.id());

    InMemoryStore other = new InMemoryStore();
    Project imported =
        new ProjectTransfer(other, parser, Clock.systemUTC()).importYaml(yaml, false);

    assertThat(imported.id()).isEqualTo(source.id());
    assertThat(imported.name()).isEqualTo("Source");
    assertThat(imported.description()).isEqualTo("the original");
    assertThat(imported.metadata()).isEqualTo(Map.of("team", "ml"));
    assertThat(other.listPhases(source.id()))
        .extracting(Phase::id, Phase::name, Phase::order, Phase::description)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PhaseId.of("ph-early"), "Early", 2, "first"),
            org.assertj.core.groups.Tuple.tuple(PhaseId.of("ph-late"), "Late", 7, "last"));
    assertThat(other.findPhase(PhaseId.of("ph-early")).orElseThrow().metadata())
        .isEqualTo(Map.of("k", 1));

    List<Task> before = store.listTasks(TaskFilter.project(source.id()));
    List<Task> after = other.listTasks(TaskFilter.project(source.id()));
    assertThat(after).extracting(Task::id).containsExactlyElementsOf(ids(before));
    for (int i = 0; i < before.size(); i++) {
      assertSameFields(after.get(i), before.get(i));
    }
    Task child = other.findTask(TaskId.of("t-child")).orElseThrow();
    assertThat(child.progress()).isEqualTo(40);
    assertThat(child.assigneeId()).isEqualTo("agent-7");
    assertThat(child.assigneeType()).isEqualTo("agent");
    assertThat(child.metadata())
        .containsEntry("owner", "ana")
        .containsEntry("nested", Map.of("a", List.of(1, 2)));

    PipelineSpec original = store.listPipelines(TaskId.of("t-child")).get(0).spec();
    List<PipelineRecord> copied = other.listPipelines(TaskId.of("t-child"));
    assertThat(copied).hasSize(1);
    assertThat(copied.get(0).spec()).isEqualTo(original);
    assertThat(child.metadata()).containsEntry("pipeline_id", copied.get(0).id().value());
    assertThat(other.listPipelines(TaskId.of("t-parent"))).isEmpty();

    // and a second export of the copy is the same document
    assertThat(new ProjectTransfer(other, parser, Clock.systemUTC()).exportYaml(source.id()))
        .isEqualTo(yaml);
  }

  private static void assertSameFields(Task actual, Task expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.description()).isEqualTo(expected.description());
    assertThat(actual.phaseId()).isEqualTo(expected.phaseId());
    assertThat(actual.parentId()).isEqualTo(expected.parentId());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.priority()).isEqualTo(expected.priority());
    assertThat(actual.progress()).isEqualTo(expected.progress());
    assertThat(actual.assigneeId()).isEqualTo(expected.assigneeId());
    assertThat(actual.assigneeType()).isEqualTo(expected.assigneeType());
    assertThat(actual.dependsOn()).isEqualTo(expected.dependsOn());
  }

  private static List<TaskId> ids(List<Task> list) {
    return list.stream().map(Task::id).toList();
  }

  @Test
  void phasesMayBeNamedByNameAndTasksKeepTheDocumentOrder() {
    Project p =
        transfer.importYaml(
            """
            project: {id: p1, name: P}
            phases: [{name: Build}, {name: Ship}]
            tasks:
              - {id: z, name: Z, phase: Ship}
              - {id: a, name: A, phase: Build}
              - {id: m, name: M}
            """,
            false);
    List<Phase> phases = store.listPhases(p.id());
    assertThat(phases).extracting(Phase::name).containsExactly("Build", "Ship");
    assertThat(phases).extracting(Phase::order).containsExactly(1, 2);
    assertThat(store.listTasks(TaskFilter.project(p.id())))
        .extracting(t -> t.id().value())
        .containsExactly("z", "a", "m");
    assertThat(store.findTask(TaskId.of("z")).orElseThrow().phaseId())
        .isEqualTo(phases.get(1).id());
  }

  // ---- errors

  private List<Problem> problemsOf(String yaml) {
    InvalidInputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidInputException.class, () -> transfer.importYaml(yaml, false));
    assertNothingWritten();
    return e.problems();
  }

  private void assertNothingWritten() {
    assertThat(store.listProjects()).isEmpty();
    assertThat(store.listTasks(TaskFilter.all())).isEmpty();
  }

  private static Function<Problem, String> text() {
    return Problem::toString;
  }

  @Test
  void unknownPhaseIsReportedWithItsPath() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                phases: [{id: build, name: Build}]
                tasks:
                  - {id: a, name: A, phase: build}
                  - {id: b, name: B, phase: deploy}
                """))
        .extracting(text())
        .containsExactly("tasks[1].phase: unknown phase 'deploy' (give a phase id or name)");
  }

  @Test
  void unknownDependencyAndParentAreReportedWithTheirPaths() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                tasks:
                  - {id: a, name: A}
                  - {id: b, name: B, depends_on: [a, nope], parent: ghost}
                """))
        .extracting(text())
        .containsExactlyInAnyOrder(
            "tasks[1].depends_on[1]: unknown task 'nope'", "tasks[1].parent: unknown task 'ghost'");
  }

  @Test
  void aDependencyCycleIsReportedWithItsTasks() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                tasks:
                  - {id: a, name: A, depends_on: [c]}
                  - {id: b, name: B, depends_on: [a]}
                  - {id: c, name: C, depends_on: [b]}
                """))
        .extracting(text())
        .containsExactly(
            "tasks.depends_on: dependency cycle: a → c → b → a"
                + " (remove one of these depends_on entries)");
  }

  @Test
  void aTaskCannotBeItsOwnParentOrDependency() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                tasks:
                  - {id: a, name: A, parent: a, depends_on: [a]}
                """))
        .extracting(text())
        .containsExactly(
            "tasks[0].parent: a task cannot be its own parent",
            "tasks[0].depends_on[0]: a task cannot depend on itself");
  }

  @Test
  void badStatusAndPriorityAreReportedWithTheirPaths() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                tasks:
                  - {id: a, name: A, status: done, priority: urgent}
                """))
        .extracting(Problem::path)
        .containsExactly("tasks[0].status", "tasks[0].priority");
    assertThatThrownBy(
            () ->
                transfer.importYaml(
                    "project: {id: p1, name: P}\ntasks: [{id: a, name: A, status: done}]", false))
        .hasMessageContaining("tasks[0].status: expected one of planned, pending")
        .hasMessageContaining("got 'done'");
  }

  @Test
  void badPipelineIsReportedUnderTheTasksPath() {
    List<Problem> problems =
        problemsOf(
            """
            project: {id: p1, name: P}
            tasks:
              - id: a
                name: A
                pipeline:
                  steps:
                    - {name: build, comand: "echo hi"}
                    - {name: test, command: "echo", depends_on: [bild]}
            """);
    assertThat(problems)
        .extracting(Problem::path)
        .contains(
            "tasks[0].pipeline.steps[0]",
            "tasks[0].pipeline.steps[0].command",
            "tasks[0].pipeline.steps[1].depends_on[0]");
    assertThat(problems)
        .extracting(text())
        .anyMatch(s -> s.contains("did you mean 'command'"))
        .anyMatch(s -> s.contains("unknown step 'bild'"));
  }

  @Test
  void duplicateTaskIdsAreReported() {
    assertThat(
            problemsOf(
                """
                project: {id: p1, name: P}
                tasks:
                  - {id: a, name: A}
                  - {id: b, name: B}
                  - {id: a, name: A again}
                """))
        .extracting(text())
        .containsExactly("tasks[2].id: duplicate task id 'a'");
  }

  @Test
  void everyProblemOfADocumentIsReportedTogether() {
    assertThat(
            problemsOf(
                """
                project: {name: P}
                phases: [{name: X, order: first}]
                tasks:
                  - {name: A, phase: Y, progress: 150}
                  - {id: "bad id!", priority: high}
                """))
        .extracting(Problem::path)
        .contains(
            "phases[0].order",
            "tasks[0].phase",
            "tasks[0].progress",
            "tasks[1].id",
            "tasks[1].name");
  }

  @Test
  void valuesTheRecordsRejectAreProblemsNotHalfImports() {
    // Each document passed the reader once but failed while writing, leaving a partial project.
    String longName = "n".repeat(501);
    for (String yaml :
        List.of(
            "project: {id: p1, name: P}\ntasks: [{id: a, name: A, progress: 150}]",
            "project: {id: p1, name: P}\ntasks: [{id: a, name: A, progress: '50'}]",
            "project: {id: p1, name: P}\ntasks: [{id: a, name: " + longName + "}]",
            "project: {id: p1, name: P}\nphases: [{id: x, name: X}, {id: x, name: Y}]")) {
      assertThatThrownBy(() -> transfer.importYaml(yaml, false), yaml)
          .isInstanceOf(InvalidInputException.class);
      assertNothingWritten();
    }
  }

  @Test
  void idsTakenByAnotherProjectAreProblemsNotHalfImports() {
    Project other = tasks.createProject(ProjectId.of("other"), "Other", "", Map.of());
    tasks.createPhase(PhaseId.of("shared-phase"), other.id(), "S", "", 1, Map.of());
    tasks.createTask(TaskDraft.builder(other.id(), "T").id(TaskId.of("shared-task")).build());

    assertThatThrownBy(
            () ->
                transfer.importYaml(
                    """
                    project: {id: p1, name: P}
                    phases: [{id: shared-phase, name: X}]
                    tasks: [{id: fresh, name: F}, {id: shared-task, name: A}]
                    """,
                    false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("phases[0].id: phase 'shared-phase' belongs to project 'other'")
        .hasMessageContaining("tasks[1].id: task 'shared-task' belongs to project 'other'");
    assertThat(store.findProject(ProjectId.of("p1"))).isEmpty();
    assertThat(store.findTask(TaskId.of("fresh"))).isEmpty();
    assertThat(store.findTask(TaskId.of("shared-task")).orElseThrow().projectId())
        .isEqualTo(other.id());
  }

  @Test
  void notADocumentIsAnError() {
    assertThatThrownBy(() -> transfer.importYaml("- just\n- a list\n", false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected an object with 'project', 'phases' and 'tasks'");
    assertThatThrownBy(() -> transfer.importYaml("project: [unclosed", false))
        .isInstanceOf(InvalidInputException.class);
    assertNothingWritten();
  }

  // ---- existing project

  @Test
  void existingProjectWithoutReplaceIsAnErrorAndStaysAsItWas() {
    Project source = sample();
    String yaml = transfer.exportYaml(source.id());
    tasks.updateProject(source.id(), "Renamed", null, null);

    assertThatThrownBy(() -> transfer.importYaml(yaml, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("project.id")
        .hasMessageContaining("project 'src' already exists; import with replace");
    assertThat(store.findProject(source.id()).orElseThrow().name()).isEqualTo("Renamed");
    assertThat(store.listTasks(TaskFilter.project(source.id()))).hasSize(3);
  }

  @Test
  void existingProjectWithReplaceIsReplaced() {
    Project source = sample();
    tasks.createTask(TaskDraft.builder(source.id(), "Extra").id(TaskId.of("t-extra")).build());

    transfer.importYaml(
        """
        project: {id: src, name: Replacement}
        phases: [{id: only, name: Only}]
        tasks: [{id: t-new, name: New, phase: only, status: completed}]
        """,
        true);

    assertThat(store.findProject(source.id()).orElseThrow().name()).isEqualTo("Replacement");
    assertThat(store.listPhases(source.id())).extracting(Phase::name).containsExactly("Only");
    assertThat(store.listTasks(TaskFilter.project(source.id())))
        .extracting(t -> t.id().value(), Task::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t-new", TaskStatus.COMPLETED));
    assertThat(store.findTask(TaskId.of("t-extra"))).isEmpty();
    assertThat(store.listPipelines(TaskId.of("t-child"))).isEmpty();
  }

  @Test
  void replaceWithAnInvalidDocumentKeepsTheOldProject() {
    Project source = sample();
    assertThatThrownBy(
            () ->
                transfer.importYaml(
                    "project: {id: src, name: New}\ntasks: [{id: a, name: A, status: nope}]", true))
        .isInstanceOf(InvalidInputException.class);
    assertThat(store.findProject(source.id()).orElseThrow().name()).isEqualTo("Source");
    assertThat(store.listTasks(TaskFilter.project(source.id()))).hasSize(3);
  }

  @Test
  void replaceMayReuseTheIdsOfTheProjectItReplaces() {
    Project source = sample();
    String yaml = transfer.exportYaml(source.id());
    transfer.importYaml(yaml, true);
    assertThat(store.listTasks(TaskFilter.project(source.id()))).hasSize(3);
    assertThat(store.listPipelines(TaskId.of("t-child"))).hasSize(1);
  }
}
