package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.runtime.Labels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry demo} on a real Docker engine, twice in the same data directory. */
class DemoIT {
  /** The example project's task names, in document order. */
  private static final List<String> TASKS =
      List.of(
          "Fetch dataset",
          "Validate schema",
          "Tokenize corpus",
          "Train model",
          "Hyper-parameter sweep",
          "Sync feature store (fails on purpose)",
          "Echo arguments literally",
          "Build report",
          "Package artifacts",
          "Write summary");

  private static final String FAILING = "Sync feature store (fails on purpose)";

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result gantry(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dir.resolve("data").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      code = Main.run(all);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Result r =
        new Result(
            code,
            outBytes.toString(StandardCharsets.UTF_8),
            errBytes.toString(StandardCharsets.UTF_8));
    assertThat(r.code())
        .as("gantry %s\nstdout:\n%s\nstderr:\n%s", List.of(args), r.out(), r.err())
        .isZero();
    assertThat(r.err()).doesNotContain("\tat ");
    return r;
  }

  @Test
  void demoRunsEveryTaskAndCanRunAgainInTheSameDataDirectory() throws Exception {
    assertSummary(gantry("demo").out());
    assertSummary(gantry("demo").out());

    String logs = gantry("workflow", "logs", "demo-feature-store").out();
    assertThat(logs)
        .contains("== connect (attempt 1, exit 3)")
        .contains("connecting to feature store at fs.internal:6379")
        .contains("-- stderr\nerror: feature store unreachable")
        .contains("step 'connect' exited with code 3")
        .doesNotContain("never runs");

    String status = gantry("workflow", "status", "demo-train-model").out();
    assertThat(status)
        .contains("demo-train-model (completed)")
        .containsPattern("workflow status +completed")
        .containsPattern("workflow type +containerized_workflow")
        // the second run is answered by the step cache: its steps are `cached`, not run again
        .containsPattern("✓ prepare cached")
        .containsPattern("✓ fit cached")
        .containsPattern("✓ evaluate cached");

    JsonNode tasks =
        new ObjectMapper()
            .readTree(gantry("-o", "json", "task", "list", "--project", "demo").out());
    assertThat(tasks.size()).isEqualTo(10);
    try (DockerEngine docker = DockerEngine.connect(DockerHost.fromEnvironment())) {
      for (JsonNode t : tasks) {
        String execution = t.at("/metadata/workflow_execution_id").asText();
        assertThat(execution).as("%s", t.get("id")).isNotBlank();
        assertThat(
                docker
                    .calls()
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(Labels.EXECUTION, execution))
                    .exec())
            .as("containers of %s", t.get("id"))
            .isEmpty();
      }
    }
  }

  /** The summary table: every task once, all completed but the one that fails with exit 3. */
  private static void assertSummary(String out) {
    List<String> lines = out.lines().toList();
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("TASK +STATUS +DURATION +EXIT +OUTPUT")) {
        header = i;
      }
    }
    assertThat(header).as("summary header in:\n%s", out).isNotNegative();
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line :
        lines.subList(header + 2, Math.min(lines.size(), header + 2 + TASKS.size()))) {
      String[] cells = line.split(" {2,}");
      rows.put(cells[0], cells);
    }
    assertThat(rows.keySet()).containsExactlyElementsOf(TASKS);
    rows.forEach(
        (task, cells) -> {
          if (task.equals(FAILING)) {
            assertThat(cells[1]).isEqualTo("failed");
            assertThat(cells[3]).isEqualTo("3");
            assertThat(cells[4]).isEqualTo("error: feature store unreachable");
          } else {
            assertThat(cells[1]).as(task).isEqualTo("completed");
            assertThat(cells[3]).as(task).isEqualTo("0");
          }
        });
    assertThat(rows.get("Train model")[4]).isEqualTo("model: slope=2.000 intercept=1.000 r2=1.000");
    assertThat(out).contains("demo finished: every task ended as expected");
  }
}
