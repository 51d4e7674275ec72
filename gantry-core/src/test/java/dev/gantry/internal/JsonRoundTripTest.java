package dev.gantry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.pipeline.Command;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.Resources;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stores keep records as JSON documents: every record must survive a round trip unchanged. */
class JsonRoundTripTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123456789Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:16:00Z");

  private static <T> void assertRoundTrip(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    String json = Json.write(value);
    assertThat(Json.read(json, type)).as(json).isEqualTo(value);
  }

  private static Map<String, Object> awkwardMap() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("none", null);
    nested.put("list", Arrays.asList(1, "two", null, 3.5, true));
    Map<String, Object> map = new HashMap<>();
    map.put("unicode", "żółw 🐢 \u0000 \"quoted\" \\ tab\t");
    map.put("nested", nested);
    map.put("null", null);
    map.put("big", 12345678901L);
    map.put("int", 42);
    map.put("decimal", 0.1);
    return map;
  }

  static PipelineSpec pipeline() {
    StepSpec build =
        new StepSpec(
            "build",
            "compile it",
            "busybox:latest",
            new Command.Argv(List.of("sh", "-c", "echo hi > /out/a.txt")),
            Map.of("MODE", "fast"),
            List.of("token"),
            "/work",
            "1000:1000",
            List.of("/out"),
            List.of(),
            30,
            new Resources(64L * 1024 * 1024, 0.5, 64L),
            NetworkMode.BRIDGE);
    StepSpec test =
        new StepSpec(
            "test",
            null,
            "busybox:latest",
            new Command.Shell("cat /out/a.txt && echo 'done' | tr a-z A-Z"),
            null,
            null,
            null,
            null,
            null,
            List.of("build"),
            null,
            null,
            null);
    return new PipelineSpec("ci", "build and test", List.of(build, test));
  }

  @Test
  void project() {
    assertRoundTrip(new Project(ProjectId.of("p-1"), "Alpha", null, awkwardMap(), T0, T1, 3));
  }

  @Test
  void task() {
    assertRoundTrip(
        new Task(
            TaskId.of("t-1"),
            ProjectId.of("p-1"),
            PhaseId.of("ph-1"),
            TaskId.of("t-0"),
            "Build",
            "desc",
            TaskStatus.IN_PROGRESS,
            Priority.CRITICAL,
            awkwardMap(),
            40,
            Map.of("ok", true),
            "oops",
            "agent-7",
            "ai",
            List.of(TaskId.of("t-0"), TaskId.of("t-2")),
            T0,
            T1,
            2));
  }

  @Test
  void taskWithNullOptionalFields() {
    assertRoundTrip(
        new Task(
            TaskId.of("t-1"),
            ProjectId.of("p-1"),
            null,
            null,
            "Build",
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            1));
  }

  @Test
  void pipelineRecordWithArgvAndShellCommands() {
    PipelineRecord record =
        new PipelineRecord(
            PipelineId.of("pl-1"), TaskId.of("t-1"), pipeline(), "template:ci@1", awkwardMap(), T0);
    assertRoundTrip(record);
    PipelineRecord read = Json.read(Json.write(record), PipelineRecord.class);
    assertThat(read.spec().step("build").command()).isInstanceOf(Command.Argv.class);
    assertThat(read.spec().step("test").command()).isInstanceOf(Command.Shell.class);
  }

  @Test
  void workflow() {
    assertRoundTrip(
        new Workflow(
            WorkflowId.of("w-1"),
            "nightly",
            TaskId.of("t-1"),
            awkwardMap(),
            WorkflowState.RETRYING,
            ExecutionId.of("e-1"),
            T0,
            T1,
            5));
  }

  @Test
  void executionWithStepsAndAttempts() {
    StepAttempt first =
        new StepAttempt(1, "c0ffee", T0, T1, 137, true, false, "out\n", "err\n", "OOM killed");
    StepAttempt second = new StepAttempt(2, null, T1, null, null, false, true, null, null, null);
    StepRun build =
        new StepRun(
            "build",
            StepState.COMPLETED,
            List.of(first, second),
            List.of(new ArtifactRef("/out", "sha256:" + "ab".repeat(32), 1024)),
            null,
            T0,
            T1);
    assertRoundTrip(
        new Execution(
            ExecutionId.of("e-1"),
            WorkflowId.of("w-1"),
            TaskId.of("t-1"),
            "ci",
            WorkflowState.RUNNING,
            awkwardMap(),
            pipeline(),
            List.of(build, StepRun.pending("test")),
            Map.of("summary", "ok"),
            null,
            T0,
            T1,
            null,
            7));
  }

  @Test
  void transition() {
    assertRoundTrip(new Transition("e-1", "step:build", "running", "completed", T0, awkwardMap()));
  }

  @Test
  void workflowResult() {
    assertRoundTrip(
        new WorkflowResult(
            ExecutionId.of("e-1"),
            WorkflowId.of("w-1"),
            TaskId.of("t-1"),
            "ci",
            true,
            awkwardMap(),
            T0));
  }
}
