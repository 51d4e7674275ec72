package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every built-in template of {@code templates/pipelines} on Docker through {@code
 * convertTaskToPipeline} and {@code executeTaskWorkflowAsync}, and checks what they really
 * computed.
 */
class BuiltinTemplatesIT {
  @TempDir static Path dir;
  static TaskWorkflowIntegration gantry;
  static Project project;

  @BeforeAll
  static void start() {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(engine).ensureBusybox();
    }
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dir.resolve("data"))
            .withStore(new StoreConfig("memory", null, null, null))
            .withTemplatesDir(BuiltinTemplatesTest.TEMPLATES);
    gantry = TaskWorkflowIntegration.builder(config).build();
    project = gantry.tasks().createProject("Built-in templates", "", Map.of());
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
  }

  @Test
  void shellRunsOneCommandLine() throws Exception {
    Execution done =
        run("shell", Map.of("command", "printf '%s\\n' one two three | wc -l", "workdir", "/etc"));
    assertSucceeded(done);
    assertThat(stdout(done, "run").strip()).isEqualTo("3");

    Execution pwd = run("shell", Map.of("command", "pwd", "workdir", "/etc"));
    assertThat(stdout(pwd, "run").strip()).isEqualTo("/etc");
  }

  @Test
  void scriptGetsItsArgumentsAsTheyAreAndKeepsOut() throws Exception {
    String script =
        """
        echo "$# arguments"
        for a in "$@"; do printf '[%s]\\n' "$a"; done
        printf '%s\\n' "$@" > args.txt
        """;
    Execution done =
        run("script", Map.of("script", script, "args", List.of("two words", "$(id -u)", "")));
    assertSucceeded(done);
    assertThat(stdout(done, "script").lines())
        .containsExactly("3 arguments", "[two words]", "[$(id -u)]", "[]");
    assertThat(done.step("script").outputs()).extracting(o -> o.path()).containsExactly("/out");

    Execution failing = run("script", Map.of("script", "echo before\nfalse\necho after"));
    assertThat(failing.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(stdout(failing, "script").strip()).isEqualTo("before");
  }

  @Test
  void buildAndTestPassesTheArtifactThroughTestToPublish() throws Exception {
    ExecutionHandle passing = start("build-and-test", Map.of("app_name", "wc", "version", "2.1"));
    ExecutionHandle failing =
        start(
            "build-and-test",
            Map.of("test_script", "echo 'ok 1 - builds'\necho 'not ok 2 - counts'"));

    Execution done = await(passing);
    assertSucceeded(done);
    assertThat(stdout(done, "build")).contains("built wc-2.1.tar");
    assertThat(stdout(done, "test"))
        .contains("wc-2.1.tar: OK", "ok 1 - counts words across lines", "ok 4 - version file")
        .contains("tests: 4 passed, 0 failed");
    assertThat(stdout(done, "publish"))
        .contains("released wc-2.1.tar", "tests: 4 passed, 0 failed")
        .containsPattern("sha256 [0-9a-f]{64}");
    assertThat(done.step("publish").outputs())
        .extracting(o -> o.path())
        .containsExactly("/release");

    Execution failed = await(failing);
    assertThat(failed.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(failed.step("build").state()).isEqualTo(StepState.COMPLETED);
    assertThat(failed.step("test").state()).isEqualTo(StepState.FAILED);
    assertThat(stdout(failed, "test")).contains("tests: 1 passed, 1 failed");
    assertThat(failed.step("publish").state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void dataProcessingReallyComputesEachProcessingType() throws Exception {
    int rows = 40;
    Map<String, ExecutionHandle> runs = new TreeMap<>();
    for (String type : List.of("filter", "transform", "aggregate", "analyze")) {
      runs.put(
          type,
          start(
              "data-processing",
              Map.of(
                  "processing_type",
                  type,
                  "sample_rows",
                  rows,
                  "condition",
                  "col(\"units\") > 50 && col(\"region\") != \"west\"",
                  "expression",
                  "col(\"units\") * 2",
                  "new_column",
                  "double")));
    }
    ExecutionHandle csv =
        start(
            "data-processing",
            Map.of(
                "processing_type", "aggregate",
                "input_data", "city;temp\nOslo;3\nRome;18\nOslo;-5.5\nRome;20\nLima;1\n",
                "delimiter", ";",
                "group_by", "city",
                "value_column", "temp"));

    List<SampleData> sample = SampleData.rows(rows);
    Execution filter = await(runs.get("filter"));
    assertSucceeded(filter);
    List<String> kept = new ArrayList<>(List.of(SampleData.HEADER));
    sample.stream()
        .filter(s -> s.units() > 50 && !s.region().equals("west"))
        .forEach(s -> kept.add(s.line()));
    assertThat(result(filter)).containsExactlyElementsOf(kept);
    assertThat(kept).hasSizeBetween(5, rows);

    Execution transform = await(runs.get("transform"));
    assertSucceeded(transform);
    List<String> doubled = new ArrayList<>(List.of(SampleData.HEADER + ",double"));
    sample.forEach(s -> doubled.add(s.line() + "," + s.units() * 2));
    assertThat(result(transform)).containsExactlyElementsOf(doubled);

    Execution aggregate = await(runs.get("aggregate"));
    assertSucceeded(aggregate);
    assertThat(result(aggregate))
        .containsExactlyElementsOf(SampleData.aggregateUnitsByRegion(sample));

    Execution analyze = await(runs.get("analyze"));
    assertSucceeded(analyze);
    int min = sample.stream().mapToInt(SampleData::units).min().orElseThrow();
    int max = sample.stream().mapToInt(SampleData::units).max().orElseThrow();
    double mean = sample.stream().mapToInt(SampleData::units).average().orElseThrow();
    assertThat(result(analyze))
        .containsExactly(
            "column,count,min,max,mean",
            "units," + rows + "," + min + "," + max + "," + SampleData.fixed4(mean));
    assertThat(analyze.step("save").outputs())
        .extracting(o -> o.path())
        .containsExactly("/results");

    Execution cities = await(csv);
    assertSucceeded(cities);
    assertThat(result(cities))
        .containsExactly(
            "city;count;sum;mean", "Lima;1;1;1.0000", "Oslo;2;-2.5;-1.2500", "Rome;2;38;19.0000");
  }

  @Test
  void dataProcessingNamesAnUnknownColumn() throws Exception {
    Execution done =
        run("data-processing", Map.of("processing_type", "aggregate", "group_by", "country"));
    assertThat(done.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(done.step("process").lastAttempt().stderr())
        .contains("unknown column \"country\" (columns: id,region,units,price)");
  }

  @Test
  void fanOutFanInSplitsTheItemsOverParallelBranchesAndJoinsThem() throws Exception {
    List<String> items = List.of("kilo", "lima", "mike", "november", "oscar", "papa", "quebec");
    Execution done =
        run(
            "fan-out-fan-in",
            Map.of(
                "items", items,
                "map_script", "echo \"$INDEX $ITEM\" | tr a-z A-Z",
                "reduce_script", "sort -n"));
    assertSucceeded(done);
    assertThat(stdout(done, "branch-1")).contains("branch 1 of 3 mapped 3 lines from 7 items");
    assertThat(stdout(done, "branch-2")).contains("branch 2 of 3 mapped 2 lines from 7 items");
    assertThat(stdout(done, "branch-3")).contains("branch 3 of 3 mapped 2 lines from 7 items");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      expected.add(i + " " + items.get(i).toUpperCase(Locale.ROOT));
    }
    assertThat(stdout(done, "join").lines()).containsExactlyElementsOf(expected);
    assertThat(done.step("join").outputs())
        .extracting(o -> o.path())
        .containsExactly("/out/result.txt");
  }

  // ---- helpers

  private static ExecutionHandle start(String template, Map<String, Object> params) {
    Task task =
        gantry.tasks().createTask(TaskDraft.builder(project.id(), template + " task").build());
    gantry.convertTaskToPipeline(task.id().value(), template, params);
    return gantry.executeTaskWorkflowAsync(
        task.id().value(), "containerized_workflow", Map.of(), true);
  }

  private static Execution await(ExecutionHandle handle) throws Exception {
    return handle.await(Duration.ofMinutes(2));
  }

  private static Execution run(String template, Map<String, Object> params) throws Exception {
    return await(start(template, params));
  }

  private static void assertSucceeded(Execution done) {
    assertThat(done.state())
        .as(
            () ->
                "execution of "
                    + done.pipeline().name()
                    + ": "
                    + done.error()
                    + "\n"
                    + done.steps().stream()
                        .map(
                            s ->
                                s.name()
                                    + " "
                                    + s.state()
                                    + (s.lastAttempt() == null
                                        ? ""
                                        : "\n"
                                            + s.lastAttempt().stdout()
                                            + s.lastAttempt().stderr()))
                        .toList())
        .isEqualTo(WorkflowState.COMPLETED);
  }

  private static String stdout(Execution done, String step) {
    return done.step(step).lastAttempt().stdout();
  }

  /** The lines of the data-processing result as its save step printed them. */
  private static List<String> result(Execution done) {
    return stdout(done, "save").lines().toList();
  }
}
