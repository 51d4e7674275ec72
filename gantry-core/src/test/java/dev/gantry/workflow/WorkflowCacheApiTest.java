package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.ManualClock;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.cache.WorkflowCacheStats;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow cache in the Java API, with a scripted runtime and a manual clock. */
class WorkflowCacheApiTest {
  private static final String TYPE = "containerized_workflow";
  // cache: never keeps the step cache out of the way: every run that is not answered by the
  // workflow cache reaches the runtime.
  private static final String PIPELINE =
      "{steps: [{name: s, command: [ok, computed], cache: never}]}";

  @TempDir Path dataDir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryStore store = new InMemoryStore();
  private ScriptedRunner runner;
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void setUp() {
    open(true);
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  private void open(boolean cachingEnabled) {
    runner = new ScriptedRunner();
    WorkflowDefaults d = WorkflowDefaults.DEFAULT;
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withWorkflowDefaults(
                new WorkflowDefaults(
                    d.timeoutSeconds(),
                    d.maxRetries(),
                    d.retryBackoffFactor(),
                    d.retryJitter(),
                    cachingEnabled,
                    "wf-cache",
                    3600,
                    d.retryMaxDelaySeconds(),
                    d.cacheSalt(),
                    d.cacheMaxBytes()));
    gantry =
        TaskWorkflowIntegration.builder(config).store(store).runner(runner).clock(clock).build();
  }

  private void reopen(boolean cachingEnabled) {
    gantry.close();
    open(cachingEnabled);
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

  private WorkflowRunResult run(String id, Map<String, Object> params, boolean skipCache) {
    return gantry.executeTaskWorkflow(id, TYPE, params, skipCache);
  }

  @Test
  void aRepeatedRunIsAnsweredFromTheCacheWithoutRunningAnything() {
    String id = task(PIPELINE);
    WorkflowRunResult first = run(id, Map.of("param1", "value1"), false);
    assertThat(first.cached()).isFalse();
    assertThat(runner.requests).hasSize(1);
    clock.advance(Duration.ofMinutes(5));

    WorkflowRunResult second = run(id, Map.of("param1", "value1"), false);

    assertThat(runner.requests).hasSize(1);
    assertThat(second.cached()).isTrue();
    assertThat(second.success()).isTrue();
    assertThat(second.executionId()).isEqualTo(first.executionId());
    assertThat(second.workflowId()).isEqualTo(first.workflowId());
    assertThat(second.result()).isEqualTo(first.result()).containsEntry("output", "computed");
    assertThat(gantry.listExecutions(first.workflowId())).hasSize(1);
    Task t = gantry.tasks().getTask(TaskId.of(id));
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.progress()).isEqualTo(100);
    assertThat(t.result()).containsEntry("success", true);
    assertThat(t.metadata())
        .containsEntry("workflow_cached", true)
        .containsEntry("workflow_status", "completed")
        .containsEntry("workflow_execution_id", first.executionId())
        .containsEntry("workflow_completed_at", clock.instant().toString());
    WorkflowCacheStats stats = gantry.cacheStats();
    assertThat(stats.entries()).isEqualTo(1);
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.directory()).isEqualTo(dataDir.resolve("wf-cache"));

    run(id, Map.of("param1", "value1"), true);
    assertThat(gantry.tasks().getTask(TaskId.of(id)).metadata())
        .containsEntry("workflow_cached", false);
  }

  @Test
  void differentParametersOrTasksMissAndRunOnlyParametersDoNot() {
    String id = task(PIPELINE);
    run(id, Map.of("param1", "value1"), false);
    run(id, Map.of("param1", "value2"), false);
    assertThat(runner.requests).hasSize(2);
    run(task(PIPELINE), Map.of("param1", "value1"), false);
    assertThat(runner.requests).hasSize(3);

    WorkflowRunResult hit =
        run(id, Map.of("param1", "value1", "use_circuit_breaker", false), false);

    assertThat(hit.cached()).isTrue();
    assertThat(runner.requests).hasSize(3);
  }

  @Test
  void changingTheTasksPipelineMisses() {
    String id = task(PIPELINE);
    run(id, Map.of(), false);
    clock.advance(Duration.ofSeconds(1));
    gantry.createCustomPipeline(id, "{steps: [{name: s, command: [ok, other], cache: never}]}");

    WorkflowRunResult rerun = run(id, Map.of(), false);

    assertThat(rerun.cached()).isFalse();
    assertThat(rerun.result()).containsEntry("output", "other");
  }

  @Test
  void skipCacheBypassesReadingAndWriting() {
    String id = task(PIPELINE);
    run(id, Map.of(), true);
    assertThat(gantry.cacheStats().entries()).isZero();
    run(id, Map.of(), false);
    assertThat(gantry.cacheStats().entries()).isEqualTo(1);

    WorkflowRunResult skipped = run(id, Map.of(), true);

    assertThat(skipped.cached()).isFalse();
    assertThat(runner.requests).hasSize(3);
  }

  @Test
  void failedRunsAreNotCached() {
    String id = task("{steps: [{name: s, command: [fail, '2']}]}");
    run(id, Map.of(), false);
    WorkflowRunResult again = run(id, Map.of(), false);
    assertThat(again.cached()).isFalse();
    assertThat(again.success()).isFalse();
    assertThat(runner.requests).hasSize(2);
    assertThat(gantry.cacheStats().entries()).isZero();
  }

  @Test
  void anExpiredEntryRunsAgain() {
    String id = task(PIPELINE);
    run(id, Map.of(), false);
    clock.advance(Duration.ofSeconds(3600));

    assertThat(run(id, Map.of(), false).cached()).isFalse();
    assertThat(runner.requests).hasSize(2);
    assertThat(gantry.cacheStats().expired()).isEqualTo(1);
  }

  @Test
  void entriesSurviveARestartOfTheApi() {
    String id = task(PIPELINE);
    WorkflowRunResult first = run(id, Map.of(), false);

    reopen(true);

    WorkflowRunResult again = run(id, Map.of(), false);
    assertThat(again.cached()).isTrue();
    assertThat(again.executionId()).isEqualTo(first.executionId());
    assertThat(runner.requests).isEmpty();
  }

  @Test
  void cachingDisabledNeitherReadsNorWrites() {
    String id = task(PIPELINE);
    run(id, Map.of(), false);
    reopen(false);

    assertThat(run(id, Map.of(), false).cached()).isFalse();
    assertThat(runner.requests).hasSize(1);
    assertThat(gantry.cacheStats().enabled()).isFalse();
    assertThat(gantry.cacheStats().entries()).isEqualTo(1);
  }

  @Test
  void theAsyncFormReturnsTheCompletedHandleOfTheEarlierExecution() throws Exception {
    String id = task(PIPELINE);
    WorkflowRunResult first = run(id, Map.of(), false);

    ExecutionHandle handle = gantry.executeTaskWorkflowAsync(id, TYPE, Map.of(), false);

    assertThat(handle.cached()).isTrue();
    assertThat(handle.executionId().value()).isEqualTo(first.executionId());
    assertThat(handle.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(handle.await(Duration.ofSeconds(1)).step("s").state())
        .isEqualTo(StepState.COMPLETED);
    assertThatThrownBy(handle::cancel)
        .isInstanceOf(IllegalStateTransitionException.class)
        .hasMessageContaining("served from the workflow cache");
  }

  @Test
  void pruneAndClearThroughTheApi() {
    String a = task(PIPELINE);
    run(a, Map.of(), false);
    clock.advance(Duration.ofMinutes(59));
    run(task(PIPELINE), Map.of(), false);
    clock.advance(Duration.ofMinutes(2));

    assertThat(gantry.pruneCache()).isEqualTo(1);
    assertThat(gantry.cacheStats().entries()).isEqualTo(1);
    assertThat(gantry.clearCache()).isEqualTo(1);
    assertThat(gantry.cacheStats().entries()).isZero();
    assertThat(run(a, Map.of(), false).cached()).isFalse();
  }

  @Test
  void useCircuitBreakerReachesTheRuntime() {
    String id = task(PIPELINE);
    run(id, Map.of(), true);
    run(id, Map.of("use_circuit_breaker", false), true);
    run(id, Map.of("use_circuit_breaker", "false"), true);
    assertThat(runner.requests)
        .extracting(r -> r.useCircuitBreaker())
        .containsExactly(true, false, false);
  }
}
