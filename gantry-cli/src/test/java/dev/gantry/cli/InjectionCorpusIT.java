package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.WorkflowState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile parameter values ({@link InjectionCorpus}) reach the container byte for byte and none is
 * executed: one template takes them as argv elements (whole, embedded in an element, and expanded
 * from an array) and as env values, another one in shell text (unquoted, double-quoted and in a
 * here-document). The containers print every value as hex; the test compares the bytes and the
 * containers fail if a canary file exists.
 */
class InjectionCorpusIT {
  /** Prints "$1" as hex on one line. */
  static final String HEX = "h() { printf '%s' \"$1\" | od -An -tx1 -v | tr -d ' \\n'; echo; }\n";

  static final String CANARY_CHECK =
      "if [ -e " + InjectionCorpus.CANARY + " ]; then echo PWNED; exit 97; fi\n";

  static final List<String> VALUES = InjectionCorpus.VALUES;
  static final String TASK_NAME = "task $(touch /tmp/pwned) `touch /tmp/pwned` ${p00} \"'";

  @TempDir Path dir;

  @BeforeAll
  static void image() {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(engine).ensureBusybox();
    }
  }

  @Test
  void hostileValuesArriveByteForByteAndNothingRuns() throws Exception {
    assertThat(VALUES).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("corpus-argv.yaml"), Json.YAML.writeValueAsString(argv()));
    Files.writeString(
        templates.resolve("corpus-shell.yaml"), Json.YAML.writeValueAsString(shell()));
    RuntimeConfig r = RuntimeConfig.DEFAULT;
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dir.resolve("data"))
            .withStore(new StoreConfig("memory", null, null, null))
            .withTemplatesDir(templates)
            .withRuntime(
                new RuntimeConfig(
                    r.type(),
                    r.dockerHost(),
                    r.defaultImage(),
                    r.maxParallelSteps(),
                    r.defaultResources(),
                    8 * 1024 * 1024));

    try (TaskWorkflowIntegration gantry = TaskWorkflowIntegration.builder(config).build()) {
      assertThat(gantry.templateLoadProblems()).isEmpty();
      Project project = gantry.tasks().createProject("Injection corpus", "", Map.of());
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("values", VALUES);
      for (int i = 0; i < VALUES.size(); i++) {
        params.put(name(i), VALUES.get(i));
      }
      ExecutionHandle argvRun = start(gantry, project, "corpus-argv", params);
      ExecutionHandle shellRun = start(gantry, project, "corpus-shell", params);

      Execution argv = argvRun.await(Duration.ofMinutes(2));
      List<String> expected = new ArrayList<>();
      for (String v : VALUES) {
        expected.add(v); // ${pNN} as a whole element
        expected.add("<" + v + ">"); // embedded in an element
      }
      expected.addAll(VALUES); // the array, one element per value
      expected.add(TASK_NAME); // ${task.name} as an element
      expected.addAll(VALUES); // env values
      assertReceived(argv, "dump", expected);

      Execution shell = shellRun.await(Duration.ofMinutes(2));
      expected.clear();
      for (String v : VALUES) {
        expected.add(v); // unquoted
        expected.add("<" + v + ">"); // inside double quotes
        expected.add(v + "\n"); // here-document line
      }
      expected.add(TASK_NAME);
      assertReceived(shell, "dump", expected);
    }
  }

  private static ExecutionHandle start(
      TaskWorkflowIntegration gantry, Project project, String template, Map<String, Object> p) {
    Task task = gantry.tasks().createTask(TaskDraft.builder(project.id(), TASK_NAME).build());
    StepSpec step =
        gantry.convertTaskToPipeline(task.id().value(), template, p).pipeline().steps().get(0);
    // No value is written into shell text: the script only references variables.
    String script = step.command().argv().get(2);
    assertThat(script).doesNotContain("touch", "日本語", "AAAA");
    if (template.equals("corpus-shell")) {
      assertThat(step.env()).containsEntry("GANTRY_PARAM_P00", VALUES.get(0));
    }
    return gantry.executeTaskWorkflowAsync(
        task.id().value(), "containerized_workflow", Map.of(), true);
  }

  private static void assertReceived(Execution done, String step, List<String> expected) {
    String stdout = done.step(step).lastAttempt().stdout();
    String stderr = done.step(step).lastAttempt().stderr();
    assertThat(stdout).as(stderr).doesNotContain("PWNED");
    assertThat(done.state()).as(stderr).isEqualTo(WorkflowState.COMPLETED);
    List<String> lines = stdout.lines().toList();
    assertThat(lines).last().isEqualTo("no canary");
    List<String> received = lines.subList(0, lines.size() - 1);
    assertThat(received).hasSameSizeAs(expected);
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < expected.size(); i++) {
      String want = hex.formatHex(expected.get(i).getBytes(StandardCharsets.UTF_8));
      assertThat(received.get(i)).as("value #%d: %s", i, shortly(expected.get(i))).isEqualTo(want);
    }
  }

  private static String shortly(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "…" : value;
  }

  static String name(int i) {
    return String.format("p%02d", i);
  }

  /** Values as argv elements, as array items and as env values. */
  private static Map<String, Object> argv() {
    StringBuilder script = new StringBuilder(HEX);
    script.append("for a in \"$@\"; do h \"$a\"; done\n");
    Map<String, Object> env = new LinkedHashMap<>();
    for (int i = 0; i < VALUES.size(); i++) {
      env.put("V" + i, "${" + name(i) + "}");
      script.append("h \"$V").append(i).append("\"\n");
    }
    script.append(CANARY_CHECK).append("echo 'no canary'\n");
    List<Object> command = new ArrayList<>(List.of("sh", "-c", script.toString(), "dump"));
    for (int i = 0; i < VALUES.size(); i++) {
      command.add("${" + name(i) + "}");
      command.add("<${" + name(i) + "}>");
    }
    command.add("${values}");
    command.add("${task.name}");
    return template("corpus-argv", command, env);
  }

  /** Values in shell text: unquoted, double-quoted and in a here-document. */
  private static Map<String, Object> shell() {
    StringBuilder script = new StringBuilder(HEX);
    for (int i = 0; i < VALUES.size(); i++) {
      String ref = "${" + name(i) + "}";
      script.append("h ").append(ref).append('\n');
      script.append("h \"<").append(ref).append(">\"\n");
      script.append("od -An -tx1 -v <<EOF | tr -d ' \\n'; echo\n").append(ref).append("\nEOF\n");
    }
    script.append("h ${task.name}\n");
    script.append(CANARY_CHECK).append("echo 'no canary'\n");
    return template("corpus-shell", script.toString(), Map.of());
  }

  private static Map<String, Object> template(String id, Object command, Map<String, Object> env) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("values", Map.of("type", "array", "required", true));
    for (int i = 0; i < VALUES.size(); i++) {
      params.put(name(i), Map.of("type", "string", "required", true));
    }
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("name", "dump");
    step.put("image", "busybox:latest");
    step.put("command", command);
    if (!env.isEmpty()) {
      step.put("env", env);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("name", id);
    t.put("parameters", params);
    t.put("steps", List.of(step));
    return t;
  }
}
