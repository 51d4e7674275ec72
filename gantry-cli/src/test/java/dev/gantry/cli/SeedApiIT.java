package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import dev.gantry.InvalidInputException;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowInfo;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.config.ConfigLoader;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Java API on a real Docker engine with the H2 store: what each call does to the task,
 * how failures, timeouts, OOM and cancellation are reported, and that no container is left behind.
 */
class SeedApiIT {
  @TempDir static Path dir;

  private static DockerEngine docker;
  private static TaskWorkflowIntegration gantry;
  private static Project project;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    Files.createDirectories(dir.resolve("workflows"));
    Path config = dir.resolve("gantry.yaml");
    Files.writeString(
        config,
        """
        data_directory: data
        workflow_directory: workflows
        workflow_defaults:
          timeout_seconds: 120
        """);
    gantry =
        TaskWorkflowIntegration.builder(new ConfigLoader().load(config))
            .ownerId("seed-api-it-" + ProcessHandle.current().pid())
            .build();
    assertThat(gantry.config().store().type()).isEqualTo("jdbc");
    assertThat(Files.exists(dir.resolve("data"))).isTrue();
    project = gantry.tasks().createProject("Seed API", "SeedApiIT", Map.of());
  }

  @AfterAll
  static void stop() {
    try {
      if (gantry != null) {
        String owner = gantry.ownerId();
        gantry.close();
        assertThat(containers(Labels.OWNER, owner))
            .as("containers left by owner %s", owner)
            .isEmpty();
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

  private static String task(String name) {
    return gantry.tasks().createTask(TaskDraft.builder(project.id(), name).build()).id().value();
  }

  private static String taskWithPipeline(String name, Object definition) {
    String id = task(name);
    PipelineInfo info = gantry.createCustomPipeline(id, definition);
    assertThat(info.taskId()).isEqualTo(id);
    return id;
  }

  private static Task get(String taskId) {
    return gantry.tasks().getTask(TaskId.of(taskId));
  }

  // (a)
  @Test
  void successCompletesTheTaskAndFilesPassBetweenSteps() {
    String id =
        taskWithPipeline(
            "two steps",
            """
            steps:
              - name: write
                command: "mkdir -p /share && echo 'to be or not to be' > /share/words.txt"
                outputs: [/share/words.txt]
              - name: count
                depends_on: [write]
                command: ["wc", "-w", "/share/words.txt"]
            """);

    WorkflowInfo info = gantry.createWorkflowFromTask(id, "My Workflow", Map.of("param1", "v1"));
    Task created = get(id);
    assertThat(created.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(created.metadata())
        .containsEntry("workflow_id", info.workflowId())
        .containsKey("workflow_created_at");
    assertThat(info.workflowName()).isEqualTo("My Workflow");
    assertThat(info.inputs()).containsEntry("param1", "v1");

    WorkflowRunResult result =
        gantry.executeTaskWorkflow(id, "containerized_workflow", Map.of("param1", "v1"), false);

    assertThat(result.success()).as(String.valueOf(result.error())).isTrue();
    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.error()).isNull();
    assertThat(result.workflowId()).isEqualTo(info.workflowId());
    assertThat(result.result()).containsEntry("output", "6 /share/words.txt");
    assertThat(result.result()).containsEntry("exit_code", 0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> artifacts =
        (List<Map<String, Object>>) result.result().get("artifacts");
    assertThat(artifacts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a)
                  .containsEntry("step", "write")
                  .containsEntry("path", "/share/words.txt");
              assertThat(String.valueOf(a.get("digest"))).matches("(sha256:)?[0-9a-f]{64}");
            });

    Task done = get(id);
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.error()).isNull();
    assertThat(done.result())
        .containsEntry("success", true)
        .containsEntry("status", "completed")
        .containsKeys("container_id", "logs", "timestamp");
    assertThat(String.valueOf(done.result().get("logs"))).contains("[count] 6 /share/words.txt");
    assertThat(done.metadata())
        .containsEntry("workflow_status", "completed")
        .containsEntry("workflow_type", "containerized_workflow")
        .containsKeys("workflow_started_at", "workflow_completed_at")
        .doesNotContainKey("workflow_failed_at");

    WorkflowStatusInfo status = gantry.getWorkflowStatus(id);
    assertThat(status.taskStatus()).isEqualTo("completed");
    assertThat(status.workflowId()).isEqualTo(info.workflowId());
    assertThat(status.workflowStatus()).isEqualTo("completed");
    assertThat(status.executionId()).isEqualTo(result.executionId());
    assertThat(status.workflowCompletedAt()).isNotNull();
    assertThat(status.workflowError()).isNull();

    Execution e = gantry.getExecution(result.executionId());
    assertThat(e.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(e.steps()).extracting(s -> s.state()).containsOnly(StepState.COMPLETED);
    assertThat(gantry.getResults(id)).hasSize(1);
    assertThat(containers(Labels.EXECUTION, result.executionId())).isEmpty();
  }

  // (b)
  @Test
  void nonZeroExitFailsTheTask() {
    String id =
        taskWithPipeline(
            "fails",
            """
            steps:
              - {name: broken, command: "echo 'disk full' >&2; exit 4"}
              - {name: after, command: "echo never", depends_on: [broken]}
            """);

    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.success()).isFalse();
    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.error()).isEqualTo("step 'broken' exited with code 4");
    assertThat(result.result()).isNull();
    Execution e = gantry.getExecution(result.executionId());
    StepAttempt attempt = e.step("broken").lastAttempt();
    assertThat(attempt.exitCode()).isEqualTo(4);
    assertThat(attempt.stderr()).isEqualTo("disk full\n");
    assertThat(e.step("after").state()).isEqualTo(StepState.SKIPPED);

    Task t = get(id);
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error()).contains("exited with code 4");
    assertThat(t.progress()).isZero();
    assertThat(t.metadata())
        .containsEntry("workflow_status", "failed")
        .containsEntry("workflow_error", "step 'broken' exited with code 4")
        .containsKey("workflow_failed_at")
        .doesNotContainKey("workflow_completed_at");
    WorkflowStatusInfo status = gantry.getWorkflowStatus(id);
    assertThat(status.workflowFailedAt()).isNotNull();
    assertThat(status.workflowError()).contains("exited with code 4");
  }

  // (c)
  @Test
  void stepTimeoutKillsTheContainerAndFailsTheTask() {
    String id =
        taskWithPipeline("slow", "{steps: [{name: nap, command: 'sleep 30', timeout_seconds: 2}]}");
    long start = System.nanoTime();

    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
    assertThat(result.success()).isFalse();
    assertThat(result.status()).isEqualTo("timed_out");
    assertThat(result.error()).contains("step 'nap' timed out after 2s");
    Execution e = gantry.getExecution(result.executionId());
    assertThat(e.step("nap").state()).isEqualTo(StepState.TIMED_OUT);
    assertThat(e.step("nap").lastAttempt().timedOut()).isTrue();
    Task t = get(id);
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.metadata()).containsEntry("workflow_status", "timed_out");
    assertThat(gantry.getWorkflowStatus(id).workflowStatus()).isEqualTo("timed_out");
    assertThat(containers(Labels.EXECUTION, result.executionId())).isEmpty();
  }

  // (d)
  @Test
  void theSeedsMinimalPipelineSaysHello() {
    String id =
        taskWithPipeline(
            "hello", "{\"steps\":[{\"name\":\"step1\",\"command\":\"echo 'Hello, World!'\"}]}");

    WorkflowRunResult result =
        gantry.executeTaskWorkflow(id, "containerized_workflow", Map.of(), false);

    assertThat(result.success()).isTrue();
    assertThat(result.result()).containsEntry("output", "Hello, World!");
    assertThat(gantry.getExecution(result.executionId()).step("step1").lastAttempt().stdout())
        .isEqualTo("Hello, World!\n");
  }

  // (e)
  @Test
  void containerizedWorkflowRunsTheImageCommandAndEnvironmentOfItsParams() {
    String id = task("one container");

    WorkflowRunResult result =
        gantry.executeTaskWorkflow(
            id,
            "containerized_workflow",
            Map.of(
                "container_image", "busybox:latest",
                "command", List.of("sh", "-c", "echo \"$GREETING from $WHO\"; echo $0"),
                "environment", Map.of("GREETING", "hi", "WHO", "gantry")),
            false);

    assertThat(result.success()).as(String.valueOf(result.error())).isTrue();
    assertThat(result.result()).containsEntry("output", "hi from gantry\nsh");
    Execution e = gantry.getExecution(result.executionId());
    assertThat(e.pipeline().steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.image()).isEqualTo("busybox:latest");
              assertThat(s.env()).containsEntry("WHO", "gantry");
            });
    assertThat(e.params()).containsEntry("container_image", "busybox:latest");
    assertThat(get(id).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  // (f)
  @Test
  void daggerPipelineRunsAnInlineDefinitionOrAFileOfTheWorkflowDirectory() throws Exception {
    String inline = task("inline");
    WorkflowRunResult fromMap =
        gantry.executeTaskWorkflow(
            inline,
            "dagger_pipeline",
            Map.of(
                "pipeline_definition",
                Map.of(
                    "name",
                    "inline-pipeline",
                    "steps",
                    List.of(
                        Map.of("name", "a", "command", "echo from-a"),
                        Map.of("name", "b", "command", "echo from-b", "depends_on", "a")))),
            false);
    assertThat(fromMap.success()).as(String.valueOf(fromMap.error())).isTrue();
    assertThat(fromMap.result()).containsEntry("output", "from-b");
    Task t = get(inline);
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result())
        .containsEntry("pipeline_id", "inline-pipeline")
        .containsEntry("status", "completed")
        .containsKey("steps");
    assertThat(t.metadata()).containsEntry("workflow_type", "dagger_pipeline");

    Files.writeString(
        dir.resolve("workflows/build.yaml"),
        """
        name: from-file
        steps:
          - {name: only, command: ["echo", "read from the workflow directory"]}
        """);
    String fromFile = task("from file");
    WorkflowRunResult file =
        gantry.executeTaskWorkflow(
            fromFile, "dagger_pipeline", Map.of("pipeline_definition", "build.yaml"), false);
    assertThat(file.success()).as(String.valueOf(file.error())).isTrue();
    assertThat(file.result()).containsEntry("output", "read from the workflow directory");
    assertThat(get(fromFile).result()).containsEntry("pipeline_id", "from-file");

    Files.writeString(dir.resolve("outside.yaml"), "steps: [{name: x, command: echo}]");
    String escaping = task("escaping");
    assertThatThrownBy(
            () ->
                gantry.executeTaskWorkflow(
                    escaping,
                    "dagger_pipeline",
                    Map.of("pipeline_definition", "../outside.yaml"),
                    false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("workflow_params.pipeline_definition")
        .hasMessageContaining("outside the workflow directory");
    assertThatThrownBy(
            () ->
                gantry.executeTaskWorkflow(
                    escaping,
                    "dagger_pipeline",
                    Map.of("pipeline_definition", dir.resolve("outside.yaml").toString()),
                    false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside the workflow directory");
    // a rejected definition changes nothing
    Task untouched = get(escaping);
    assertThat(untouched.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(untouched.metadata()).doesNotContainKey("workflow_id");
  }

  // (g)
  @Test
  void outOfMemoryIsReportedInTheStepError() {
    String id =
        taskWithPipeline(
            "hungry",
            "{steps: [{name: eat, command: [tail, /dev/zero], resources: {memory: 8m}}]}");

    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.success()).isFalse();
    assertThat(result.error()).contains("step 'eat'").contains("OOMKilled");
    StepAttempt attempt = gantry.getExecution(result.executionId()).step("eat").lastAttempt();
    assertThat(attempt.oomKilled()).isTrue();
    assertThat(attempt.exitCode()).isEqualTo(137);
    assertThat(get(id).error()).contains("OOMKilled");
  }

  // (h)
  @Test
  void cancellingARunningExecutionRemovesItsContainer() throws Exception {
    String id = taskWithPipeline("long", "{steps: [{name: wait, command: 'sleep 60'}]}");

    ExecutionHandle handle = gantry.executeTaskWorkflowAsync(id, null, Map.of(), false);
    String executionId = handle.executionId().value();
    assertThat(gantry.getExecution(executionId).state())
        .isIn(WorkflowState.QUEUED, WorkflowState.RUNNING);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                containers(Labels.EXECUTION, executionId).stream()
                    .anyMatch(c -> "running".equals(c.getState())));
    assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);
    assertThat(gantry.executionHandle(executionId)).isPresent();

    long start = System.nanoTime();
    handle.cancel();
    Execution done = handle.await(Duration.ofSeconds(45));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("wait").state()).isEqualTo(StepState.CANCELLED);
    assertThat(containers(Labels.EXECUTION, executionId)).isEmpty();
    Task t = get(id);
    assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(t.metadata()).containsEntry("workflow_status", "cancelled");
    assertThat(gantry.executionHandle(executionId)).isEmpty();
    assertThatThrownBy(handle::cancel)
        .isInstanceOf(dev.gantry.workflow.IllegalStateTransitionException.class);
    // the store still works after the interrupted step thread wrote its record
    assertThat(gantry.tasks().listProjects()).isNotEmpty();
  }

  // (h) at any moment: before the container exists, while it is created, started, running
  @Test
  void cancellingAtAnyMomentLeavesNoContainer() throws Exception {
    for (int i = 0; i < 10; i++) {
      String id = taskWithPipeline("cancel-" + i, "{steps: [{name: nap, command: 'sleep 30'}]}");
      ExecutionHandle handle = gantry.executeTaskWorkflowAsync(id, null, Map.of(), false);
      String executionId = handle.executionId().value();
      await()
          .pollInterval(Duration.ofMillis(5))
          .atMost(Duration.ofSeconds(30))
          .until(() -> gantry.getExecution(executionId).step("nap").state() != StepState.PENDING);
      long until = System.nanoTime() + Duration.ofMillis(25L * i).toNanos();
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      handle.cancel();
      Execution done = handle.await(Duration.ofSeconds(45));

      assertThat(done.state()).as("execution %d", i).isEqualTo(WorkflowState.CANCELLED);
      assertThat(done.step("nap").state()).as("step %d", i).isEqualTo(StepState.CANCELLED);
      assertThat(containers(Labels.EXECUTION, executionId))
          .as("containers of execution %d", i)
          .isEmpty();
      assertThat(get(id).status()).isEqualTo(TaskStatus.CANCELLED);
    }
  }

  @Test
  void closingTheApiCancelsRunningExecutionsAndRemovesTheirContainers() throws Exception {
    Path config = dir.resolve("closing.yaml");
    Files.writeString(config, "store: {type: memory}\ndata_directory: closing-data\n");
    String owner = "seed-api-it-closing-" + ProcessHandle.current().pid();
    ExecutionHandle handle;
    String id;
    try (TaskWorkflowIntegration other =
        TaskWorkflowIntegration.builder(new ConfigLoader().load(config)).ownerId(owner).build()) {
      Project p = other.tasks().createProject("closing", "", Map.of());
      id = other.tasks().createTask(TaskDraft.builder(p.id(), "long").build()).id().value();
      other.createCustomPipeline(id, "{steps: [{name: wait, command: 'sleep 60'}]}");
      handle = other.executeTaskWorkflowAsync(id, null, Map.of(), false);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  containers(Labels.OWNER, owner).stream()
                      .anyMatch(c -> "running".equals(c.getState())));
    }
    Execution done = handle.await(Duration.ofSeconds(5));
    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(containers(Labels.OWNER, owner)).isEmpty();
  }

  // (i)
  @Test
  void twentyConcurrentExecutionsAllCompleteWithTheirOwnOutput() throws Exception {
    int n = 20;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          taskWithPipeline(
              "parallel-" + i,
              """
              steps:
                - {name: make, command: "mkdir -p /o && echo value-%d > /o/v", outputs: [/o/v]}
                - {name: use, command: [cat, /o/v], depends_on: [make]}
              """
                  .formatted(i)));
    }
    List<Future<WorkflowRunResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        results.add(
            pool.submit(
                () -> gantry.executeTaskWorkflow(id, "containerized_workflow", Map.of(), false)));
      }
    }
    for (int i = 0; i < n; i++) {
      WorkflowRunResult r = results.get(i).get();
      assertThat(r.success()).as("execution %d: %s", i, r.error()).isTrue();
      assertThat(r.result()).as("execution %d", i).containsEntry("output", "value-" + i);
      Task t = get(ids.get(i));
      assertThat(t.status()).as("task %d", i).isEqualTo(TaskStatus.COMPLETED);
      assertThat(t.progress()).isEqualTo(100);
      assertThat(t.metadata())
          .containsEntry("workflow_status", "completed")
          .containsEntry("workflow_execution_id", r.executionId());
      Execution e = gantry.getExecution(r.executionId());
      assertThat(e.state()).isEqualTo(WorkflowState.COMPLETED);
      assertThat(e.result()).containsEntry("success", true);
      assertThat(gantry.getWorkflow(r.workflowId()).state()).isEqualTo(WorkflowState.COMPLETED);
    }
    assertThat(results.stream().map(f -> f.resultNow().executionId()).distinct()).hasSize(n);
  }

  @Test
  void concurrentExecutionsOfOneTaskShareItsWorkflow() throws Exception {
    String id = taskWithPipeline("shared", "{steps: [{name: a, command: 'echo shared'}]}");
    List<Future<WorkflowRunResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> gantry.executeTaskWorkflow(id, null, Map.of(), false)));
      }
    }
    String workflowId = get(id).metadata().get("workflow_id").toString();
    for (Future<WorkflowRunResult> f : results) {
      assertThat(f.get().success()).isTrue();
      assertThat(f.get().workflowId()).isEqualTo(workflowId);
    }
    assertThat(gantry.listExecutions(workflowId)).hasSize(6);
    Task t = get(id);
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.metadata()).containsEntry("workflow_status", "completed");
    assertThat(gantry.getWorkflow(workflowId).state()).isEqualTo(WorkflowState.COMPLETED);
  }
}
