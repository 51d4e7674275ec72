package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import dev.gantry.GantryException;
import dev.gantry.api.BatchHandle;
import dev.gantry.api.BatchOutcome;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ConfigLoader;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskService;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.IllegalStateTransitionException;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and cancellation on a real Docker engine with the H2 store: 52 tasks with dependencies at
 * concurrency 4 (one fails, its dependents end blocked), a rerun, a cancelled batch and a cancelled
 * execution. No container of this instance is left afterwards.
 */
class BatchIT {
  private static final int TASKS = 52;
  private static final int FAILING = 9;
  private static final Duration SAMPLE = Duration.ofMillis(20);

  @TempDir static Path dir;

  private static DockerEngine docker;
  private static TaskWorkflowIntegration gantry;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    Path config = dir.resolve("gantry.yaml");
    Files.writeString(
        config,
        """
        data_directory: data
        workflow_defaults:
          timeout_seconds: 120
          max_retries: 0
        runtime:
          max_parallel_workflows: 4
        """);
    gantry =
        TaskWorkflowIntegration.builder(new ConfigLoader().load(config))
            .ownerId("batch-it-" + ProcessHandle.current().pid())
            .build();
  }

  @AfterAll
  static void stop() {
    try {
      if (gantry != null) {
        String owner = gantry.ownerId();
        gantry.close();
        assertThat(containers(Labels.OWNER, owner)).as("containers left by %s", owner).isEmpty();
      }
    } finally {
      if (docker != null) {
        docker.close();
      }
    }
  }

  private static List<Container> containers(String label, String value) {
    return docker
        .calls()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(label, value))
        .exec();
  }

  private static List<Container> running(String label, String value) {
    return docker.calls().listContainersCmd().withLabelFilter(Map.of(label, value)).exec();
  }

  private static Task task(Project project, String id, String script, List<Task> deps) {
    Task t =
        gantry
            .tasks()
            .createTask(
                TaskDraft.builder(project.id(), id)
                    .id(TaskId.of(id))
                    .dependsOn(deps.stream().map(Task::id).toList())
                    .build());
    gantry.createCustomPipeline(
        id,
        Map.of("steps", List.of(Map.of("name", "run", "command", List.of("sh", "-c", script)))));
    return t;
  }

  /** Four chains (t[i] after t[i-4]) with cross links (t[i] also after t[i-5] when i%7==0). */
  private static List<Task> fiftyTwoTasks(Project project) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      List<Task> deps = new ArrayList<>();
      if (i >= 4) {
        deps.add(tasks.get(i - 4));
      }
      if (i >= 5 && i % 7 == 0) {
        deps.add(tasks.get(i - 5));
      }
      String script = i == FAILING ? "echo broken >&2; exit 3" : i % 3 == 0 ? "sleep 1" : "true";
      tasks.add(task(project, String.format("b%02d", i), script, deps));
    }
    return tasks;
  }

  /** The tasks that depend on {@code root}, directly or not. */
  private static Set<String> dependentsOf(List<Task> tasks, String root) {
    Set<String> out = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Task t : tasks) {
        if (!out.contains(t.id().value())
            && t.dependsOn().stream()
                .anyMatch(d -> d.value().equals(root) || out.contains(d.value()))) {
          grew = out.add(t.id().value());
        }
      }
    }
    return out;
  }

  /** The most step containers that ran at once, from the attempts' start and finish times. */
  private static int maxOverlap(List<BatchTaskResult> results) {
    List<Instant[]> spans = new ArrayList<>();
    for (BatchTaskResult r : results) {
      if (r.executionId() == null) {
        continue;
      }
      for (StepAttempt a : gantry.getExecution(r.executionId()).step("run").attempts()) {
        spans.add(new Instant[] {a.startedAt(), a.finishedAt()});
      }
    }
    int max = 0;
    for (Instant[] s : spans) {
      int at = 0;
      for (Instant[] o : spans) {
        if (!o[0].isAfter(s[0]) && o[1].isAfter(s[0])) {
          at++;
        }
      }
      max = Math.max(max, at);
    }
    return max;
  }

  @Test
  void fiftyTwoTasksWithDependenciesAtConcurrencyFour() throws Exception {
    Project project = gantry.tasks().createProject("batch", "BatchIT", Map.of());
    List<Task> tasks = fiftyTwoTasks(project);
    String failing = tasks.get(FAILING).id().value();
    Set<String> blocked = dependentsOf(tasks, failing);
    assertThat(blocked).hasSizeGreaterThan(5);

    AtomicInteger maxSeen = new AtomicInteger();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (watching.get()) {
                    int n = running(Labels.OWNER, gantry.ownerId()).size();
                    maxSeen.accumulateAndGet(n, Math::max);
                    LockSupport.parkNanos(SAMPLE.toNanos()); // the sampling rate, not a wait
                  }
                });
    List<BatchProgress> events = new CopyOnWriteArrayList<>();
    BatchRequest request =
        BatchRequest.builder(project.id().value()).concurrency(4).skipCache(true).build();
    BatchResult result;
    try {
      result = gantry.executeWorkflowsForProject(request, events::add);
    } finally {
      watching.set(false);
      watcher.join();
    }

    assertThat(result.tasks()).hasSize(TASKS);
    for (BatchTaskResult r : result.tasks()) {
      Task stored = gantry.tasks().getTask(TaskId.of(r.taskId()));
      if (r.taskId().equals(failing)) {
        assertThat(r.outcome()).isEqualTo(BatchOutcome.FAILED);
        assertThat(r.reason()).contains("exit").contains("3");
        assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
      } else if (blocked.contains(r.taskId())) {
        assertThat(r.outcome()).as(r.taskId()).isEqualTo(BatchOutcome.BLOCKED);
        assertThat(r.reason()).startsWith("dependency '");
        assertThat(r.executionId()).isNull();
        assertThat(stored.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(stored.error()).isEqualTo(r.reason());
      } else {
        assertThat(r.outcome()).as(r.taskId()).isEqualTo(BatchOutcome.COMPLETED);
        assertThat(r.status()).isEqualTo("completed");
        assertThat(stored.status()).isEqualTo(TaskStatus.COMPLETED);
      }
    }
    int ran = TASKS - blocked.size();
    assertThat(result.counts())
        .containsEntry("completed", ran - 1)
        .containsEntry("failed", 1)
        .containsEntry("blocked", blocked.size());
    // every task ran after its dependencies finished
    for (Task t : tasks) {
      BatchTaskResult r = result.task(t.id().value());
      if (r.startedAt() == null) {
        continue;
      }
      for (TaskId dep : t.dependsOn()) {
        assertThat(result.task(dep.value()).finishedAt()).isBeforeOrEqualTo(r.startedAt());
      }
    }
    assertThat(maxSeen.get()).as("step containers running at once").isBetween(1, 4);
    assertThat(maxOverlap(result.tasks())).isBetween(2, 4);
    assertThat(events.get(events.size() - 1).finished()).isEqualTo(TASKS);
    assertThat(events).filteredOn(e -> e.event().equals("started")).hasSize(ran);

    // a rerun skips what completed; the failed task runs again and its dependents stay blocked
    BatchResult rerun = gantry.executeWorkflowsForProject(request, null);
    assertThat(rerun.counts())
        .containsEntry("skipped", ran - 1)
        .containsEntry("failed", 1)
        .containsEntry("blocked", blocked.size())
        .containsEntry("completed", 0);
    assertThat(rerun.tasks())
        .filteredOn(r -> r.outcome() == BatchOutcome.SKIPPED)
        .allMatch(r -> r.reason().contains("already completed") && r.executionId() == null);
    assertThat(rerun.task(failing).executionId()).isNotEqualTo(result.task(failing).executionId());
  }

  @Test
  void cancellingABatchStopsItsContainersAndSkipsTheRest() throws Exception {
    Project project = gantry.tasks().createProject("cancel batch", "BatchIT", Map.of());
    for (int i = 0; i < 6; i++) {
      task(project, "c" + i, "sleep 60", List.of());
    }
    BatchHandle handle =
        gantry.executeWorkflowsForProjectAsync(
            BatchRequest.builder(project.id().value()).concurrency(2).skipCache(true).build(),
            null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> handle.progress().running() == 2 && runningOf(project).size() == 2);

    BatchResult result = gantry.cancelBatch(handle.batchId());

    assertThat(result.cancelled()).isTrue();
    assertThat(result.counts()).containsEntry("cancelled", 2).containsEntry("skipped", 4);
    for (BatchTaskResult r : result.tasks()) {
      TaskStatus status = gantry.tasks().getTask(TaskId.of(r.taskId())).status();
      if (r.outcome() == BatchOutcome.CANCELLED) {
        assertThat(status).isEqualTo(TaskStatus.CANCELLED);
        assertThat(gantry.getExecution(r.executionId()).state()).isEqualTo(WorkflowState.CANCELLED);
      } else {
        assertThat(r.reason()).isEqualTo("the batch was cancelled before the task started");
        assertThat(status).isEqualTo(TaskStatus.PENDING);
      }
    }
    assertThat(runningOf(project)).isEmpty();
    assertThatThrownBy(() -> gantry.cancelBatch(handle.batchId()))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("already finished");
  }

  private static List<Container> runningOf(Project project) {
    List<Container> out = new ArrayList<>();
    for (Task t : gantry.tasks().listTasks(dev.gantry.task.TaskFilter.project(project.id()))) {
      out.addAll(running(Labels.TASK, t.id().value()));
    }
    return out;
  }

  @Test
  void cancellingAnExecutionByIdStopsItsContainerAndUpdatesTheTask() {
    Project project = gantry.tasks().createProject("cancel one", "BatchIT", Map.of());
    Task t = task(project, "one", "sleep 60", List.of());
    ExecutionHandle handle = gantry.executeTaskWorkflowAsync("one", null, Map.of(), true);
    String id = handle.executionId().value();
    await().atMost(Duration.ofSeconds(60)).until(() -> running(Labels.EXECUTION, id).size() == 1);

    Execution done = gantry.cancelExecution(id);

    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("run").state()).isEqualTo(StepState.CANCELLED);
    assertThat(containers(Labels.EXECUTION, id)).isEmpty();
    assertThat(gantry.tasks().getTask(t.id()).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(gantry.getWorkflowStatus("one").workflowStatus()).isEqualTo("cancelled");
    assertThatThrownBy(() -> gantry.cancelExecution(id))
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("already ended (cancelled)");
    assertThat(gantry.getExecution(id).state()).isEqualTo(WorkflowState.CANCELLED);
  }

  /** The example of docs/batches.md (BatchDocsTest keeps the page equal to it). */
  @Test
  void docsExample() {
    // batches:start
    TaskService tasks = gantry.tasks();
    Project project = tasks.createProject("release", "docs/batches.md", Map.of());
    Task compile = tasks.createTask(TaskDraft.builder(project.id(), "compile").build());
    Task unit =
        tasks.createTask(
            TaskDraft.builder(project.id(), "unit tests").dependsOn(List.of(compile.id())).build());
    Task lint = tasks.createTask(TaskDraft.builder(project.id(), "lint").build());
    Task publish =
        tasks.createTask(
            TaskDraft.builder(project.id(), "publish")
                .dependsOn(List.of(unit.id(), lint.id()))
                .build());
    gantry.createCustomPipeline(compile.id().value(), "steps: [{name: compile, command: 'true'}]");
    gantry.createCustomPipeline(unit.id().value(), "steps: [{name: test, command: 'exit 1'}]");
    gantry.createCustomPipeline(lint.id().value(), "steps: [{name: lint, command: 'true'}]");
    gantry.createCustomPipeline(publish.id().value(), "steps: [{name: push, command: 'true'}]");

    BatchResult result =
        gantry.executeWorkflowsForProject(
            BatchRequest.builder(project.id().value()).concurrency(2).build(),
            p -> System.out.println(p.percent() + "% " + p.taskId() + " " + p.event()));

    for (BatchTaskResult t : result.tasks()) {
      System.out.println(t.taskName() + ": " + t.outcome().wireName() + " " + t.reason());
    }
    // compile: completed null
    // unit tests: failed step 'test' exited with code 1
    // lint: completed null
    // publish: blocked dependency 'task-…' failed: step 'test' exited with code 1
    // batches:end
    assertThat(result.task(compile.id().value()).outcome()).isEqualTo(BatchOutcome.COMPLETED);
    assertThat(result.task(lint.id().value()).outcome()).isEqualTo(BatchOutcome.COMPLETED);
    assertThat(result.task(unit.id().value()).outcome()).isEqualTo(BatchOutcome.FAILED);
    assertThat(result.task(publish.id().value()).outcome()).isEqualTo(BatchOutcome.BLOCKED);
    assertThat(result.task(publish.id().value()).reason())
        .startsWith("dependency '" + unit.id() + "' failed: ");
    assertThat(tasks.getTask(publish.id()).status()).isEqualTo(TaskStatus.BLOCKED);
    assertThat(result.tasks())
        .extracting(BatchTaskResult::taskName)
        .containsExactly("compile", "unit tests", "lint", "publish");
  }

  private record Run(int code, String out, String err) {}

  private static Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("cli-data").toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      code = Main.run(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(
        code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void projectRunCommandShowsProgressAndASummary() throws Exception {
    Path doc = dir.resolve("release.yaml");
    Files.writeString(
        doc,
        """
        project: {id: cli-release, name: Release}
        tasks:
          - {id: compile, name: Compile, pipeline: {steps: [{name: c, command: "true"}]}}
          - {id: test, name: Test, depends_on: [compile],
             pipeline: {steps: [{name: t, command: "exit 4"}]}}
          - {id: ship, name: Ship, depends_on: [test], pipeline: {steps: [{name: s, command: "true"}]}}
        """);
    assertThat(cli("project", "import", doc.toString()).code()).isZero();

    Run run = cli("project", "run", "cli-release", "--concurrency", "2", "--skip-cache");

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("[1/3] ✓ compile completed")
        .contains("[3/3] ✗ ship blocked — dependency 'test' failed: step 't' exited with code 4")
        .contains("TASK     NAME     OUTCOME")
        .containsPattern("test +Test +failed +failed +execution-")
        .contains(": completed 1, failed 1, blocked 1, skipped 0, cancelled 0");

    Run again = cli("--output", "json", "project", "run", "cli-release", "--status", "completed");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("\"outcome\" : \"skipped\"").contains("already completed");

    String execution = executionOfCompile();
    Run cancel = cli("workflow", "cancel", execution);
    assertThat(cancel.code()).isEqualTo(1);
    assertThat(cancel.err()).contains("already ended (completed)");
  }

  /** The execution of task compile, from the workflow status the CLI shows. */
  private static String executionOfCompile() {
    Run status = cli("--output", "json", "workflow", "status", "compile");
    int at = status.out().indexOf("\"executionId\" : \"") + 17;
    return status.out().substring(at, status.out().indexOf('"', at));
  }
}
