package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code gantry} command line without Docker: each test keeps an H2 store in its own {@code
 * --data-dir}, so what one invocation writes the next one reads. No invocation may print a stack
 * trace.
 */
class CliTest {
  @org.junit.jupiter.api.BeforeAll
  static void distributionHome() {
    // The built-in templates of this checkout, as the ./gantry launcher passes them.
    System.setProperty(
        "gantry.home", java.nio.file.Path.of("..").toAbsolutePath().normalize().toString());
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEMO_PROJECT =
      Path.of("..", "examples", "demo-project.yaml").toAbsolutePath().normalize();

  @TempDir Path dir;

  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out, e);
      }
    }
  }

  private Result gantry(String... args) {
    return gantryIn(dir.resolve("data"), args);
  }

  private static Result gantryIn(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
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
    Result r =
        new Result(
            code,
            outBytes.toString(StandardCharsets.UTF_8),
            errBytes.toString(StandardCharsets.UTF_8));
    assertThat(r.err())
        .as("stderr of gantry %s", all)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    return r;
  }

  private Result ok(String... args) {
    Result r = gantry(args);
    assertThat(r.code()).as("exit code of %s; stderr: %s", List.of(args), r.err()).isZero();
    return r;
  }

  private static List<String> texts(JsonNode array, String field) {
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  private List<String> taskIds(String... filter) {
    List<String> args = new ArrayList<>(List.of("-o", "json", "task", "list"));
    args.addAll(List.of(filter));
    return texts(ok(args.toArray(String[]::new)).json(), "id");
  }

  // ---- projects

  @Test
  void projectCreateListShowUpdateDelete() {
    Result created =
        ok(
            "project",
            "create",
            "Data platform",
            "--id",
            "dp",
            "--description",
            "ETL jobs",
            "--meta",
            "team=data",
            "--meta",
            "tier=1");
    assertThat(created.out()).contains("project dp  Data platform").contains("ETL jobs");
    ok("project", "create", "Second");

    Result list = ok("project", "list");
    assertThat(list.out().lines().findFirst().orElseThrow())
        .contains("ID", "NAME", "TASKS", "PROGRESS", "DESCRIPTION");
    assertThat(list.out()).contains("Data platform").contains("Second").contains("ETL jobs");
    assertThat(texts(ok("-o", "json", "project", "list").json(), "name"))
        .containsExactlyInAnyOrder("Data platform", "Second");

    assertThat(ok("project", "show", "dp").out())
        .contains("project dp  Data platform")
        .contains("progress 0% (0/0 tasks completed)");

    ok("project", "update", "dp", "--name", "Data", "--meta", "tier=2", "--meta", "on_call=ana");
    JsonNode shown = ok("-o", "json", "project", "show", "dp").json();
    assertThat(shown.at("/project/name").asText()).isEqualTo("Data");
    assertThat(shown.at("/project/description").asText()).isEqualTo("ETL jobs");
    assertThat(shown.at("/project/metadata"))
        .isEqualTo(
            JSON.createObjectNode().put("team", "data").put("tier", "2").put("on_call", "ana"));
    assertThat(shown.at("/progress/total").asInt()).isZero();

    assertThat(ok("project", "delete", "dp").out()).contains("deleted project dp");
    assertThat(texts(ok("-o", "json", "project", "list").json(), "id")).doesNotContain("dp");
    Result gone = gantry("project", "show", "dp");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("error: project 'dp' not found");
    assertThat(gantry("project", "delete", "dp").err()).contains("project 'dp' not found");
  }

  @Test
  void projectProgressCountsCompletedTasks() {
    ok("project", "create", "P", "--id", "p");
    ok("task", "create", "--project", "p", "A", "--id", "a", "--status", "completed");
    ok("task", "create", "--project", "p", "B", "--id", "b");
    ok("task", "update", "b", "--progress", "50");
    assertThat(ok("project", "show", "p").out()).contains("progress 75% (1/2 tasks completed)");
    JsonNode row = ok("-o", "json", "project", "list").json().get(0);
    assertThat(row.get("id").asText()).isEqualTo("p");
    assertThat(ok("project", "list").out()).contains("2      75%");
  }

  // ---- phases

  @Test
  void phasesAreListedInOrderAndCanBeUpdatedAndDeleted() {
    ok("project", "create", "P", "--id", "p");
    ok("phase", "create", "--project", "p", "Build", "--order", "2");
    ok("phase", "create", "--project", "p", "Plan", "--order", "1", "--description", "think");
    ok("phase", "create", "--project", "p", "Ship");

    JsonNode phases = ok("-o", "json", "phase", "list", "--project", "p").json();
    assertThat(texts(phases, "name")).containsExactly("Plan", "Build", "Ship");
    assertThat(texts(phases, "order")).containsExactly("1", "2", "3");
    String ship = phases.get(2).get("id").asText();
    String plan = phases.get(0).get("id").asText();

    Result table = ok("phase", "list", "--project", "p");
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).contains("ID", "PROJECT", "ORDER", "NAME", "DESCRIPTION");
    assertThat(lines.get(2)).contains("Plan").contains("think");
    assertThat(lines.get(4)).contains("Ship");

    ok("phase", "update", ship, "--order", "0", "--name", "Release");
    assertThat(texts(ok("-o", "json", "phase", "list", "--project", "p").json(), "name"))
        .containsExactly("Release", "Plan", "Build");
    JsonNode shown = ok("-o", "json", "phase", "show", ship).json();
    assertThat(shown.at("/phase/name").asText()).isEqualTo("Release");
    assertThat(shown.at("/phase/order").asInt()).isZero();
    assertThat(ok("phase", "show", plan).out()).contains("Plan").contains("progress 0% (0/0");

    assertThat(ok("phase", "delete", plan).out()).contains("deleted phase " + plan);
    assertThat(texts(ok("-o", "json", "phase", "list", "--project", "p").json(), "name"))
        .containsExactly("Release", "Build");
    Result gone = gantry("phase", "show", plan);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("error: phase '" + plan + "' not found");
    assertThat(gantry("phase", "create", "--project", "nope", "X").err())
        .contains("error: project 'nope' not found");
  }

  // ---- tasks

  @Test
  void taskCreateWithEveryOption() {
    ok("project", "create", "P", "--id", "p");
    ok("phase", "create", "--project", "p", "Build");
    String phase =
        ok("-o", "json", "phase", "list", "--project", "p").json().get(0).get("id").asText();
    ok("task", "create", "--project", "p", "Parent", "--id", "parent");

    Result created =
        ok(
            "task",
            "create",
            "--project",
            "p",
            "Compile",
            "--id",
            "compile",
            "--description",
            "compile the sources",
            "--phase",
            phase,
            "--parent",
            "parent",
            "--status",
            "planned",
            "--priority",
            "critical",
            "--assignee",
            "ana",
            "--assignee-type",
            "human",
            "--meta",
            "lang=java",
            "--meta",
            "jdk=21");
    assertThat(created.out())
        .contains("compile", "Compile", "planned", "critical", phase, "ana")
        .contains("description: compile the sources")
        .contains("lang: java");

    JsonNode t = ok("-o", "json", "task", "show", "compile").json();
    assertThat(t.get("id").asText()).isEqualTo("compile");
    assertThat(t.get("projectId").asText()).isEqualTo("p");
    assertThat(t.get("phaseId").asText()).isEqualTo(phase);
    assertThat(t.get("parentId").asText()).isEqualTo("parent");
    assertThat(t.get("name").asText()).isEqualTo("Compile");
    assertThat(t.get("description").asText()).isEqualTo("compile the sources");
    assertThat(t.get("status").asText()).isEqualTo("planned");
    assertThat(t.get("priority").asText()).isEqualTo("critical");
    assertThat(t.get("assigneeId").asText()).isEqualTo("ana");
    assertThat(t.get("assigneeType").asText()).isEqualTo("human");
    assertThat(t.get("progress").asInt()).isZero();
    assertThat(t.get("metadata"))
        .isEqualTo(JSON.createObjectNode().put("lang", "java").put("jdk", "21"));

    JsonNode defaults = ok("-o", "json", "task", "create", "--project", "p", "Plain").json();
    assertThat(defaults.get("status").asText()).isEqualTo("pending");
    assertThat(defaults.get("priority").asText()).isEqualTo("medium");
    assertThat(defaults.get("id").asText()).isNotBlank();
  }

  @Test
  void taskListFiltersByProjectPhaseStatusAndAssignee() {
    ok("project", "create", "P", "--id", "p");
    ok("project", "create", "Q", "--id", "q");
    ok("phase", "create", "--project", "p", "One");
    String one =
        ok("-o", "json", "phase", "list", "--project", "p").json().get(0).get("id").asText();
    ok("task", "create", "--project", "p", "A", "--id", "a", "--phase", one, "--assignee", "ana");
    ok("task", "create", "--project", "p", "B", "--id", "b", "--status", "blocked");
    ok(
        "task",
        "create",
        "--project",
        "q",
        "C",
        "--id",
        "c",
        "--assignee",
        "ana",
        "--status",
        "blocked");
    ok("task", "create", "--project", "q", "D", "--id", "d", "--status", "in_progress");

    assertThat(taskIds()).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(taskIds("--project", "p")).containsExactlyInAnyOrder("a", "b");
    assertThat(taskIds("--project", "q")).containsExactlyInAnyOrder("c", "d");
    assertThat(taskIds("--phase", one)).containsExactly("a");
    assertThat(taskIds("--status", "blocked")).containsExactlyInAnyOrder("b", "c");
    assertThat(taskIds("--status", "IN-PROGRESS")).containsExactly("d");
    assertThat(taskIds("--assignee", "ana")).containsExactlyInAnyOrder("a", "c");
    assertThat(taskIds("--project", "q", "--status", "blocked", "--assignee", "ana"))
        .containsExactly("c");
    assertThat(taskIds("--status", "completed")).isEmpty();

    Result table = ok("task", "list", "--project", "p");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .contains("ID", "NAME", "STATUS", "PRIORITY", "PROGRESS", "PHASE", "ASSIGNEE");
    assertThat(table.out()).contains("blocked").doesNotContain("in_progress");
  }

  @Test
  void taskShowUpdateMergesMetadataAndDelete() {
    ok("project", "create", "P", "--id", "p");
    ok("phase", "create", "--project", "p", "Later");
    String later =
        ok("-o", "json", "phase", "list", "--project", "p").json().get(0).get("id").asText();
    ok("task", "create", "--project", "p", "Draft", "--id", "t", "--meta", "a=1", "--meta", "b=2");

    Result updated =
        ok(
            "task",
            "update",
            "t",
            "--name",
            "Final",
            "--description",
            "done right",
            "--status",
            "in_progress",
            "--priority",
            "high",
            "--progress",
            "60",
            "--phase",
            later,
            "--assignee",
            "bot-1",
            "--assignee-type",
            "agent",
            "--meta",
            "b=3",
            "--meta",
            "c=4");
    assertThat(updated.out()).contains("Final", "in_progress", "high", "60%", "bot-1");

    JsonNode t = ok("-o", "json", "task", "show", "t").json();
    assertThat(t.get("metadata"))
        .isEqualTo(JSON.createObjectNode().put("a", "1").put("b", "3").put("c", "4"));
    assertThat(t.get("name").asText()).isEqualTo("Final");
    assertThat(t.get("description").asText()).isEqualTo("done right");
    assertThat(t.get("status").asText()).isEqualTo("in_progress");
    assertThat(t.get("priority").asText()).isEqualTo("high");
    assertThat(t.get("progress").asInt()).isEqualTo(60);
    assertThat(t.get("phaseId").asText()).isEqualTo(later);
    assertThat(t.get("assigneeId").asText()).isEqualTo("bot-1");
    assertThat(t.get("assigneeType").asText()).isEqualTo("agent");

    // an update that names nothing else leaves every other field as it was
    ok("task", "update", "t", "--meta", "d=5");
    JsonNode again = ok("-o", "json", "task", "show", "t").json();
    assertThat(again.get("metadata").size()).isEqualTo(4);
    assertThat(again.get("name").asText()).isEqualTo("Final");
    assertThat(again.get("progress").asInt()).isEqualTo(60);

    Result shown = ok("task", "show", "t");
    assertThat(shown.out())
        .contains("description: done right")
        .contains("metadata:")
        .contains("  c: 4");

    assertThat(ok("task", "delete", "t").out()).contains("deleted task t");
    assertThat(taskIds()).isEmpty();
    Result gone = gantry("task", "show", "t");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("error: task 't' not found");
  }

  @Test
  void unknownTaskIsExitOneWithItsId() {
    Path file = dir.resolve("p.yaml");
    writeString(file, "steps: [{name: a, command: echo}]");
    for (List<String> args :
        List.of(
            List.of("task", "show", "x"),
            List.of("task", "update", "x", "--name", "y"),
            List.of("task", "delete", "x"),
            List.of("task", "pipeline", "x", file.toString()),
            List.of("workflow", "status", "x"),
            List.of("workflow", "logs", "x"))) {
      Result r = gantry(args.toArray(String[]::new));
      assertThat(r.code()).as("%s", args).isEqualTo(1);
      assertThat(r.err()).as("%s", args).contains("error: task 'x' not found");
      assertThat(r.out()).as("%s", args).isEmpty();
    }
  }

  @Test
  void invalidStatusOrPriorityIsExitTwoWithTheAllowedValues() {
    ok("project", "create", "P", "--id", "p");
    ok("task", "create", "--project", "p", "T", "--id", "t");
    String statuses =
        "expected one of planned, pending, in_progress, completed, failed, blocked, cancelled";
    String priorities = "expected one of low, medium, high, critical";
    record Case(List<String> args, String message) {}
    for (Case c :
        List.of(
            new Case(
                List.of("task", "create", "--project", "p", "X", "--status", "done"),
                "error: status: " + statuses + ", got 'done'"),
            new Case(
                List.of("task", "create", "--project", "p", "X", "--priority", "urgent"),
                "error: priority: " + priorities + ", got 'urgent'"),
            new Case(
                List.of("task", "update", "t", "--status", "finished"),
                "error: status: " + statuses + ", got 'finished'"),
            new Case(
                List.of("task", "update", "t", "--priority", "p0"),
                "error: priority: " + priorities + ", got 'p0'"),
            new Case(
                List.of("task", "list", "--status", "nah"),
                "error: status: " + statuses + ", got 'nah'"),
            new Case(
                List.of("task", "update", "t", "--progress", "150"),
                "error: progress: expected 0-100, got 150"))) {
      Result r = gantry(c.args().toArray(String[]::new));
      assertThat(r.code()).as("%s", c.args()).isEqualTo(2);
      assertThat(r.err()).as("%s", c.args()).contains(c.message());
    }
    assertThat(taskIds()).containsExactly("t");
    JsonNode t = ok("-o", "json", "task", "show", "t").json();
    assertThat(t.get("status").asText()).isEqualTo("pending");
    assertThat(t.get("progress").asInt()).isZero();
  }

  @Test
  void usageErrorsAreExitTwoWithoutTraces() {
    assertThat(gantry("-o", "xml", "project", "list").code()).isEqualTo(2);
    assertThat(gantry("task", "create", "NoProject").err()).contains("--project");
    assertThat(gantry("phase", "create", "--project", "p", "X", "--order", "first").code())
        .isEqualTo(2);
    Result badLevel = gantry("--log-level", "loud", "project", "list");
    assertThat(badLevel.code()).isEqualTo(2);
    assertThat(badLevel.err()).contains("--log-level: expected trace, debug, info, warn or error");
    Result badId = gantry("project", "create", "X", "--id", "no spaces");
    assertThat(badId.code()).isEqualTo(2);
    assertThat(badId.err()).contains("project id: expected").contains("'no spaces'");
  }

  // ---- import, export, pipelines

  @Test
  void importedDemoProjectExportsAndReimportsToTheSameTasksAndPipelines() throws Exception {
    Result imported = ok("project", "import", DEMO_PROJECT.toString());
    assertThat(imported.out()).contains("project demo").contains("progress 0% (0/10 tasks");
    assertThat(taskIds("--project", "demo")).hasSize(10).contains("demo-feature-store");
    assertThat(taskIds("--phase", "demo-train"))
        .containsExactly("demo-train-model", "demo-sweep", "demo-feature-store", "demo-argv");

    Path exported = dir.resolve("exported.yaml");
    assertThat(ok("project", "export", "demo", "--file", exported.toString()).out())
        .contains("exported project demo to " + exported);
    String stdoutExport = ok("project", "export", "demo").out();
    assertThat(Files.readString(exported)).isEqualTo(stdoutExport);

    Path other = dir.resolve("other-data");
    Result again = gantryIn(other, "project", "import", exported.toString());
    assertThat(again.code()).as(again.err()).isZero();

    assertThat(comparable(gantryIn(other, "-o", "json", "task", "list", "--project", "demo")))
        .isEqualTo(comparable(ok("-o", "json", "task", "list", "--project", "demo")));
    assertThat(withoutTimes(gantryIn(other, "-o", "json", "phase", "list", "--project", "demo")))
        .isEqualTo(withoutTimes(ok("-o", "json", "phase", "list", "--project", "demo")));
    // the export holds every task's pipeline, so equal exports mean equal pipelines
    assertThat(gantryIn(other, "project", "export", "demo").out()).isEqualTo(stdoutExport);
    assertThat(stdoutExport).contains("pipeline:").contains("name: fit");

    Result twice = gantryIn(other, "project", "import", exported.toString());
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.err()).contains("project 'demo' already exists; import with replace");
    assertThat(gantryIn(other, "project", "import", exported.toString(), "--replace").code())
        .isZero();
  }

  /** A listing without the times of its records, which differ between two stores. */
  private static JsonNode withoutTimes(Result listing) {
    assertThat(listing.code()).as(listing.err()).isZero();
    JsonNode records = listing.json();
    assertThat(records.size()).isPositive();
    records.forEach(r -> ((ObjectNode) r).remove(List.of("createdAt", "updatedAt")));
    return records;
  }

  /** A task listing without what differs between two stores (times, pipeline ids). */
  private static JsonNode comparable(Result listing) {
    JsonNode tasks = withoutTimes(listing);
    for (JsonNode t : tasks) {
      ObjectNode o = (ObjectNode) t;
      assertThat(o.at("/metadata/pipeline_id").asText()).startsWith("pipeline");
      ((ObjectNode) o.get("metadata")).remove("pipeline_id");
    }
    return tasks;
  }

  @Test
  void importOfAnInvalidDocumentNamesThePathAndWritesNothing() {
    Path file = dir.resolve("bad.yaml");
    writeString(
        file,
        """
        project: {id: bad, name: Bad}
        phases: [{id: one, name: One}]
        tasks:
          - {id: a, name: A, phase: two}
          - id: b
            name: B
            pipeline: {steps: [{name: s, command: echo, depends_on: [nope]}]}
        """);
    Result r = gantry("project", "import", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("tasks[0].phase: unknown phase 'two'")
        .contains("tasks[1].pipeline.steps[0].depends_on[0]");
    assertThat(texts(ok("-o", "json", "project", "list").json(), "id")).isEmpty();

    Result missing = gantry("project", "import", dir.resolve("missing.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("missing.yaml");
  }

  @Test
  void taskPipelineStoresThePipelineOfAFile() throws Exception {
    ok("project", "create", "P", "--id", "p");
    ok("task", "create", "--project", "p", "Build", "--id", "build");
    Path file = dir.resolve("pipeline.yaml");
    writeString(
        file,
        """
        steps:
          - name: compile
            command: "mkdir -p /out && echo built > /out/app"
            outputs: [/out/app]
          - name: test
            depends_on: [compile]
            command: [cat, /out/app]
        """);
    Result stored = ok("task", "pipeline", "build", file.toString());
    assertThat(stored.out())
        .containsPattern("pipeline pipeline\\S+ \\(2 steps\\) stored for task build");

    JsonNode t = ok("-o", "json", "task", "show", "build").json();
    assertThat(t.at("/metadata/pipeline_source").asText()).isEqualTo("custom");
    assertThat(stored.out()).contains(t.at("/metadata/pipeline_id").asText());
    String export = ok("project", "export", "p").out();
    assertThat(export).contains("name: compile").contains("- /out/app").contains("depends_on:");

    JsonNode asJson = ok("-o", "json", "task", "pipeline", "build", file.toString()).json();
    assertThat(texts(asJson.at("/pipeline/steps"), "name")).containsExactly("compile", "test");

    writeString(file, "steps:\n  - name: compile\n    command: echo\n    depends_on: [tset]\n");
    Result bad = gantry("task", "pipeline", "build", file.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("steps[0].depends_on[0]").contains("unknown step 'tset'");

    Result missing = gantry("task", "pipeline", "build", dir.resolve("none.yaml").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("none.yaml: no such file or directory");
  }

  @Test
  void exportToAnUnwritablePlaceIsAnErrorWithoutATrace() {
    ok("project", "create", "P", "--id", "p");
    Result r =
        gantry("project", "export", "p", "--file", dir.resolve("no/such/dir/p.yaml").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("p.yaml: no such file or directory");
  }

  // ---- config

  @Test
  void configCheckPrintsOkForAGoodFile() {
    Path good = dir.resolve("good.yaml");
    writeString(
        good,
        """
        container_registry: docker.io
        workflow_defaults:
          timeout_seconds: 120
          max_retries: 1
        runtime:
          max_parallel_steps: 2
        """);
    Result r = ok("config", "check", good.toString());
    assertThat(r.out()).contains(good + ": OK").contains("timeout_seconds: 120");
  }

  @Test
  void configCheckOfABadFileIsExitTwoNamingTheKeyPath() {
    Path bad = dir.resolve("bad.yaml");
    writeString(
        bad,
        """
        workflow_defaults:
          timeout_seconds: -5
          max_retrys: 2
        """);
    Result r = gantry("config", "check", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("OK");
    assertThat(r.err())
        .contains("workflow_defaults.timeout_seconds: expected a positive integer, got -5")
        .contains("workflow_defaults.max_retrys")
        .contains("did you mean 'max_retries'");
    Result missing = gantry("config", "check", dir.resolve("none.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("none.yaml");
  }

  // ---- JSON

  @Test
  void jsonOutputOfEveryListingAndShowIsValidJson() {
    ok("project", "import", DEMO_PROJECT.toString());
    JsonNode projects = ok("-o", "json", "project", "list").json();
    assertThat(texts(projects, "id")).containsExactly("demo");
    JsonNode phases = ok("--output", "JSON", "phase", "list", "--project", "demo").json();
    assertThat(texts(phases, "id")).containsExactly("demo-ingest", "demo-train", "demo-report");
    JsonNode tasks = ok("-o", "json", "task", "list").json();
    assertThat(tasks.size()).isEqualTo(10);
    assertThat(ok("-o", "json", "task", "list", "--status", "failed").json().isArray()).isTrue();
    assertThat(ok("-o", "json", "project", "show", "demo").json().at("/phases").size())
        .isEqualTo(3);
    assertThat(ok("-o", "json", "phase", "show", "demo-train").json().at("/progress/total").asInt())
        .isEqualTo(4);
    assertThat(ok("-o", "json", "task", "show", "demo-argv").json().get("name").asText())
        .isEqualTo("Echo arguments literally");
    JsonNode status = ok("-o", "json", "workflow", "status", "demo-argv").json();
    assertThat(status.get("taskStatus").asText()).isEqualTo("pending");
    assertThat(status.hasNonNull("workflowId")).isFalse();
    assertThat(ok("-o", "json", "project", "create", "J").json().at("/project/name").asText())
        .isEqualTo("J");
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
