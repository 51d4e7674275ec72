package dev.gantry.testkit.store;

import dev.gantry.pipeline.Command;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records for store tests. Times are fixed, with nanoseconds, so precision loss shows. */
public final class StoreFixtures {
  /** A creation time with nanosecond precision. */
  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");

  public static final ProjectId P1 = ProjectId.of("p-1");
  public static final ProjectId P2 = ProjectId.of("p-2");

  private StoreFixtures() {}

  /** {@code T0} plus {@code seconds}. */
  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  public static Project project(String id, Instant created) {
    return new Project(
        ProjectId.of(id), "Project " + id, "about " + id, Map.of("k", "v"), created, created, 0);
  }

  public static Phase phase(String id, ProjectId project, int order, Instant created) {
    return new Phase(
        PhaseId.of(id), project, "Phase " + id, null, order, Map.of(), created, created, 0);
  }

  public static Task task(String id, ProjectId project, Instant created) {
    return task(id, project, null, TaskStatus.PENDING, null, created);
  }

  public static Task task(
      String id,
      ProjectId project,
      PhaseId phase,
      TaskStatus status,
      String assignee,
      Instant created) {
    return new Task(
        TaskId.of(id),
        project,
        phase,
        null,
        "Task " + id,
        null,
        status,
        Priority.HIGH,
        Map.of("origin", "test"),
        0,
        null,
        null,
        assignee,
        assignee == null ? null : "human",
        List.of(),
        created,
        created,
        0);
  }

  public static PipelineSpec spec() {
    StepSpec build =
        new StepSpec(
            "build",
            null,
            "busybox:latest",
            new Command.Argv(List.of("sh", "-c", "mkdir -p /out && echo hi > /out/a")),
            Map.of("MODE", "fast"),
            List.of(),
            "/work",
            null,
            List.of("/out"),
            List.of(),
            60,
            null,
            null);
    StepSpec check =
        new StepSpec(
            "check",
            null,
            "busybox:latest",
            new Command.Shell("test \"$(cat /out/a)\" = hi"),
            null,
            null,
            null,
            null,
            null,
            List.of("build"),
            null,
            null,
            null);
    return new PipelineSpec("ci", null, List.of(build, check));
  }

  public static PipelineRecord pipeline(String id, TaskId task, Instant created) {
    return new PipelineRecord(
        PipelineId.of(id), task, spec(), "template:ci@1", Map.of("n", 1), created);
  }

  public static Workflow workflow(String id, TaskId task, WorkflowState state, Instant created) {
    return new Workflow(
        WorkflowId.of(id), "wf " + id, task, Map.of("x", 1), state, null, created, created, 0);
  }

  public static Execution execution(
      String id, Workflow workflow, WorkflowState state, Instant created) {
    return new Execution(
        ExecutionId.of(id),
        workflow.id(),
        workflow.taskId(),
        "ci",
        state,
        Map.of("p", "v"),
        spec(),
        List.of(StepRun.pending("build"), StepRun.pending("check")),
        null,
        null,
        created,
        null,
        null,
        0);
  }

  public static Transition transition(String entityId, String from, String to, Instant at) {
    return new Transition(entityId, "execution", from, to, at, Map.of("why", from + "->" + to));
  }

  public static WorkflowResult result(Execution execution, Instant storedAt) {
    return new WorkflowResult(
        execution.id(),
        execution.workflowId(),
        execution.taskId(),
        execution.workflowType(),
        true,
        Map.of("exit", 0),
        storedAt);
  }

  /**
   * A JSON object with what tends to get lost: nulls (top level, nested, in lists), unicode outside
   * the BMP, escapes, numbers of each JSON kind, empty containers and deep nesting.
   */
  public static Map<String, Object> awkwardMap() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("none", null);
    inner.put("list", Arrays.asList(1, "two", null, 3.5, false, List.of()));
    inner.put("deeper", Map.of("deepest", Map.of("leaf", "🌿")));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("null", null);
    map.put("unicode", "żółw 🐢 日本語 \u0000 \"quoted\" \\ tab\t newline\n ' ; DROP TABLE tasks;--");
    map.put("ключ ✓", "non-ascii key");
    map.put("int", 42);
    map.put("long", 12_345_678_901L);
    map.put("negative", -7);
    map.put("decimal", 0.1);
    map.put("bool", true);
    map.put("empty map", Map.of());
    map.put("empty list", List.of());
    map.put("nested", inner);
    return map;
  }
}
