package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's Java API and its task side effects, with a scripted runtime (no Docker). */
class TaskWorkflowIntegrationTest {
  @TempDir Path dataDir;
  private ScriptedRunner runner;
  private InMemoryStore store;
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void setUp() {
    open(WorkflowDefaults.DEFAULT);
  }

  private void open(WorkflowDefaults defaults) {
    runner = new ScriptedRunner();
    store = new InMemoryStore();
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withStore(new StoreConfig("memory", null, null, null))
            .withWorkflowDefaults(defaults);
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(runner)
            .environment(Map.of("API_TOKEN", "s3cr3t-value"))
            .build();
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  @AfterEach
  void tearDown() {
    gantry.close();
  }

  private String task(String definition) {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), definition);
    return t.id().value();
  }

  @Test
  void successCompletesTheTaskWithResultAndMetadata() {
    String id =
        task(
            """
            steps:
              - {name: build, command: [write, /out/a.txt, from-build], outputs: [/out/a.txt]}
              - {name: test, command: [cat-inputs], depends_on: [build]}
            """);
    var info = gantry.createWorkflowFromTask(id, "My Workflow", Map.of("param1", "value1"));
    Task created = gantry.tasks().getTask(TaskId.of(id));
    assertThat(created.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(created.metadata())
        .containsEntry("workflow_id", info.workflowId())
        .containsKey("workflow_created_at");

    WorkflowRunResult result =
        gantry.executeTaskWorkflow(id, "containerized_workflow", Map.of("param1", "value1"), false);

    assertThat(result.success()).isTrue();
    assertThat(result.error()).isNull();
    assertThat(result.workflowId()).isEqualTo(info.workflowId());
    assertThat(result.result()).containsEntry("output", "from-build");
    Task done = gantry.tasks().getTask(TaskId.of(id));
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.progress()).isEqualTo(100);
    assertThat(done.result()).containsEntry("success", true).containsEntry("status", "completed");
    assertThat(done.metadata())
        .containsEntry("workflow_status", "completed")
        .containsEntry("workflow_type", "containerized_workflow")
        .containsKeys("workflow_started_at", "workflow_completed_at");
    WorkflowStatusInfo status = gantry.getWorkflowStatus(id);
    assertThat(status.workflowStatus()).isEqualTo("completed");
    assertThat(status.executionId()).isEqualTo(result.executionId());
    assertThat(gantry.getResults(id)).hasSize(1);
    assertThat(gantry.getResult(result.executionId()).result())
        .containsKeys("success", "result", "error", "timestamp", "container_id", "status", "logs");
  }

  @Test
  void failureFailsTheTaskAndSkipsDependents() {
    String id =
        task(
            """
            steps:
              - {name: a, command: [fail, "3"]}
              - {name: b, command: [ok], depends_on: [a]}
            """);
    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.success()).isFalse();
    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.error()).isEqualTo("step 'a' exited with code 3");
    Execution e = gantry.getExecution(result.executionId());
    assertThat(e.step("b").state()).isEqualTo(StepState.SKIPPED);
    assertThat(e.step("b").error()).contains("dependency 'a'");
    Task t = gantry.tasks().getTask(TaskId.of(id));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.error()).isEqualTo("step 'a' exited with code 3");
    assertThat(t.metadata())
        .containsEntry("workflow_status", "failed")
        .containsEntry("workflow_error", "step 'a' exited with code 3")
        .containsKey("workflow_failed_at");
  }

  @Test
  void stepTimeoutTimesOutTheExecutionAndFailsTheTask() {
    String id =
        task(
            "{steps: [{name: slow, command: [hang], timeout_seconds: 1, retry: {max_retries: 0}}]}");
    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.status()).isEqualTo("timed_out");
    assertThat(result.error()).contains("step 'slow' timed out after 1s");
    assertThat(gantry.getExecution(result.executionId()).step("slow").state())
        .isEqualTo(StepState.TIMED_OUT);
    Task t = gantry.tasks().getTask(TaskId.of(id));
    assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(t.metadata()).containsEntry("workflow_status", "timed_out");
  }

  @Test
  void executionTimeoutCapsEveryStep() {
    gantry.close();
    open(new WorkflowDefaults(1, 0, 0.5, false, false, ".cache", 0));
    String id = task("{steps: [{name: slow, command: [hang], timeout_seconds: 60}]}");
    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.status()).isEqualTo("timed_out");
    assertThat(result.error()).contains("workflow_defaults.timeout_seconds");
    assertThat(runner.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void parallelBranchesRunTogetherAndJoin() {
    String id =
        task(
            """
            steps:
              - {name: left, command: [write, /l, L], outputs: [/l]}
              - {name: right, command: [write, /r, R], outputs: [/r]}
              - {name: join, command: [cat-inputs], depends_on: [left, right]}
            """);
    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);
    assertThat(result.success()).isTrue();
    assertThat(result.result().get("output").toString()).contains("L").contains("R");
    assertThat(runner.requests.get(2).stepName()).isEqualTo("join");
  }

  @Test
  void concurrencyIsBounded() throws Exception {
    StringBuilder yaml = new StringBuilder("steps:\n");
    for (int i = 0; i < 8; i++) {
      yaml.append("  - {name: s").append(i).append(", command: [gate], cache: never}\n");
    }
    String id = task(yaml.toString());
    ExecutionHandle handle = gantry.executeTaskWorkflowAsync(id, null, Map.of(), false);
    int limit = gantry.config().runtime().maxParallelSteps();
    await().until(() -> runner.running.get() == limit);
    runner.release.countDown();
    assertThat(handle.await(Duration.ofSeconds(30)).state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(runner.maxRunning.get()).isEqualTo(limit);
  }

  @Test
  void asyncExecutionIsQueuedBeforeReturningAndCanBeCancelled() throws Exception {
    String id =
        task(
            "{steps: [{name: wait, command: [gate]}, {name: after, command: [ok], depends_on: [wait]}]}");
    ExecutionHandle handle = gantry.executeTaskWorkflowAsync(id, null, Map.of(), false);
    assertThat(store.findExecution(handle.executionId())).isPresent();
    await().until(() -> runner.running.get() == 1);

    handle.cancel();
    Execution done = handle.await(Duration.ofSeconds(30));

    assertThat(done.state()).isEqualTo(WorkflowState.CANCELLED);
    assertThat(done.step("wait").state()).isEqualTo(StepState.CANCELLED);
    assertThat(done.step("after").state()).isEqualTo(StepState.CANCELLED);
    assertThat(gantry.tasks().getTask(TaskId.of(id)).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThatThrownBy(handle::cancel)
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("cancelled -> cancelled");
  }

  @Test
  void historyRecordsEveryTransitionWithTimestamps() {
    String id = task("{steps: [{name: one, command: [ok, hi]}]}");
    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);
    ExecutionId eid = ExecutionId.of(result.executionId());
    List<Transition> history = gantry.statusManager().history(eid);
    assertThat(history)
        .extracting(t -> t.subject() + ":" + t.to())
        .containsExactly(
            "execution:created",
            "execution:queued",
            "execution:running",
            "step:one:running",
            "step:one:completed",
            "execution:completed");
    assertThat(gantry.statusManager().timeInStates(eid))
        .containsKeys(WorkflowState.QUEUED, WorkflowState.RUNNING, WorkflowState.COMPLETED);
    assertThat(gantry.statusManager().countsByState()).containsEntry(WorkflowState.COMPLETED, 1);
    assertThat(gantry.statusManager().completed()).hasSize(1);
  }

  @Test
  void secretsAreGivenAsEnvAndRedactedFromOutput() {
    gantry.close();
    runner = new ScriptedRunner();
    store = new InMemoryStore();
    GantryConfig config =
        new GantryConfig(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("API_TOKEN", "env:API_TOKEN"),
            null,
            dataDir,
            null);
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(runner)
            .environment(Map.of("API_TOKEN", "s3cr3t-value"))
            .build();
    project = gantry.tasks().createProject("p", "", Map.of());
    String id = task("{steps: [{name: s, command: [env, API_TOKEN], secrets: [API_TOKEN]}]}");

    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(runner.requests.get(0).env()).containsEntry("API_TOKEN", "s3cr3t-value");
    assertThat(result.result().get("output")).isEqualTo("***");
    assertThat(store.findExecution(ExecutionId.of(result.executionId())).orElseThrow().toString())
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void containerImageParamsBuildAOneContainerPipeline() {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "single").build());
    WorkflowRunResult result =
        gantry.executeTaskWorkflow(
            t.id().value(),
            "containerized_workflow",
            Map.of(
                "container_image",
                "alpine:3",
                "command",
                List.of("ok", "one"),
                "environment",
                Map.of("A", "1")),
            false);
    assertThat(result.success()).isTrue();
    assertThat(runner.requests.get(0).image()).isEqualTo("alpine:3");
    assertThat(runner.requests.get(0).env()).containsEntry("A", "1");
  }

  @Test
  void daggerPipelineRunsTheInlineDefinition() {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "dp").build());
    WorkflowRunResult result =
        gantry.executeTaskWorkflow(
            t.id().value(),
            "dagger_pipeline",
            Map.of(
                "pipeline_definition",
                Map.of("steps", List.of(Map.of("name", "x", "command", List.of("ok", "dp"))))),
            false);
    assertThat(result.success()).isTrue();
    assertThat(gantry.getResult(result.executionId()).result())
        .containsKeys("pipeline_id", "status", "steps");
  }

  @Test
  void badInputIsAClearErrorAndChangesNothing() {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "nothing").build());
    String id = t.id().value();
    assertThatThrownBy(() -> gantry.executeTaskWorkflow(id, "quantum", Map.of(), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown workflow type 'quantum'")
        .hasMessageContaining("containerized_workflow, dagger_pipeline");
    assertThatThrownBy(() -> gantry.executeTaskWorkflow(id, null, Map.of(), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no pipeline");
    assertThat(gantry.tasks().getTask(t.id()).status()).isEqualTo(TaskStatus.PENDING);
    assertThat(gantry.tasks().getTask(t.id()).metadata()).doesNotContainKey("workflow_id");
    assertThatThrownBy(() -> gantry.executeTaskWorkflow("task-missing", null, Map.of(), false))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("task 'task-missing' not found");
  }

  @Test
  void seedMinimalCustomPipelineParses() {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "seed").build());
    var info =
        gantry.createCustomPipeline(
            t.id().value(),
            Map.of("steps", List.of(Map.of("name", "step1", "command", "echo 'Hello, World!'"))));
    assertThat(info.pipeline().steps().get(0).command().argv())
        .containsExactly("sh", "-c", "echo 'Hello, World!'");
    assertThat(info.pipeline().steps().get(0).image()).isEqualTo("busybox:latest");
  }
}
