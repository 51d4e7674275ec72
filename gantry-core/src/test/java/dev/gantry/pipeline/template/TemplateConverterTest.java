package dev.gantry.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gantry.InvalidInputException;
import dev.gantry.internal.Documents;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateConverterTest {
  static final String DEFAULT_IMAGE = "busybox:latest";
  final TemplateConverter converter = new TemplateConverter();

  static PipelineTemplate template(String yaml) {
    return TemplateReader.read(Documents.read(yaml, Documents.Format.YAML, "test"), null);
  }

  static PipelineTemplate template(String yaml, String file) {
    return TemplateReader.read(Documents.read(yaml, Documents.Format.YAML, "test"), Path.of(file));
  }

  static Task task(Map<String, Object> metadata) {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    return new Task(
        TaskId.of("task-1"),
        ProjectId.of("project-1"),
        null,
        null,
        "Build app",
        "Builds the app; then $(tests) it",
        null,
        null,
        metadata,
        0,
        null,
        null,
        null,
        null,
        null,
        now,
        now,
        0);
  }

  private ConvertedPipeline convert(PipelineTemplate t, Map<String, Object> params) {
    return converter.convert(t, task(Map.of()), params, DEFAULT_IMAGE);
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected an InvalidInputException");
  }

  static final PipelineTemplate THREE =
      template(
          """
          id: three
          name: Three
          version: 2.1.0
          parameters:
            a: {type: string, default: from-template}
            b: {type: string, default: from-template}
            c: {type: string, default: from-template}
          steps:
            - {name: s, command: [echo, "${a}", "${b}", "${c}"]}
          """);

  @Test
  void precedenceIsDefaultsThenTaskMetadataThenExplicit() {
    Task task = task(Map.of("pipeline_parameters", Map.of("b", "from-task", "c", "from-task")));

    ConvertedPipeline converted =
        converter.convert(THREE, task, Map.of("c", "explicit"), DEFAULT_IMAGE);

    assertThat(converted.parameters())
        .containsExactly(
            entry("a", "from-template"), entry("b", "from-task"), entry("c", "explicit"));
    assertThat(converted.spec().step("s").command().argv())
        .containsExactly("echo", "from-template", "from-task", "explicit");
    assertThat(converted.templateId()).isEqualTo("three");
    assertThat(converted.templateVersion()).isEqualTo("2.1.0");
    assertThat(converted.spec().name()).isEqualTo("three");
    assertThat(converted.spec().description()).isEqualTo("Three for task 'Build app'");
    assertThat(converted.spec().step("s").image()).isEqualTo(DEFAULT_IMAGE);
  }

  @Test
  void nullExplicitParametersUseTheDefaults() {
    assertThat(converter.convert(THREE, task(Map.of()), null, DEFAULT_IMAGE).parameters())
        .containsOnly(
            entry("a", "from-template"), entry("b", "from-template"), entry("c", "from-template"));
  }

  static Stream<Arguments> typedValues() {
    return Stream.of(
        valid("string", "x", "x"),
        valid("integer", 3, 3),
        valid("integer", "42", 42),
        valid("integer", new BigDecimal("5.0"), 5),
        valid("integer", 12345678901L, 12345678901L),
        valid("number", new BigDecimal("2.5"), new BigDecimal("2.5")),
        valid("number", "1.5", new BigDecimal("1.5")),
        valid("number", 7, 7),
        valid("boolean", true, true),
        valid("boolean", "FALSE", false),
        valid("array", List.of("a", 1), List.of("a", 1)),
        valid("array", "[\"a\", 1]", List.of("a", 1)),
        valid("object", Map.of("k", 1), Map.of("k", 1)),
        valid("object", "{\"k\": 1}", Map.of("k", 1)),
        invalid("string", 5, "expected a string, got 5 (a number)"),
        invalid("string", List.of("a"), "expected a string, got [\"a\"] (an array)"),
        invalid("integer", "abc", "expected an integer, got 'abc' (a string)"),
        invalid("integer", new BigDecimal("2.5"), "expected an integer, got 2.5 (a number)"),
        invalid("integer", true, "expected an integer, got true (a boolean)"),
        invalid("number", "x1", "expected a number, got 'x1' (a string)"),
        invalid("number", Map.of(), "expected a number, got {} (an object)"),
        invalid("boolean", "yes", "expected a boolean (true or false), got 'yes' (a string)"),
        invalid("boolean", 1, "expected a boolean (true or false), got 1 (a number)"),
        invalid("array", "a", "expected an array, got 'a' (a string)"),
        invalid("array", Map.of("k", 1), "expected an array, got {\"k\":1} (an object)"),
        invalid("array", "[1,", "expected an array, got '[1,' (a string)"),
        invalid("object", List.of(1), "expected an object, got [1] (an array)"),
        invalid("object", "{\"k\": 1} x", "expected an object, got '{\"k\": 1} x' (a string)"));
  }

  private static Arguments valid(String type, Object given, Object normal) {
    return Arguments.of(type, given, normal, null);
  }

  private static Arguments invalid(String type, Object given, String message) {
    return Arguments.of(type, given, null, message);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("typedValues")
  void eachTypeAcceptsItsValuesAndNamesTheExpectedType(
      String type, Object given, Object normal, String message) {
    PipelineTemplate t =
        template(
            "id: typed\nname: Typed\nparameters:\n  p: {type: "
                + type
                + ", required: true}\nsteps:\n  - {name: s, command: [echo, \"${p}\"]}\n");
    if (message == null) {
      assertThat(convert(t, Map.of("p", given)).parameters()).containsExactly(entry("p", normal));
    } else {
      assertThat(message(() -> convert(t, Map.of("p", given))))
          .isEqualTo("invalid parameters for template 'typed': parameters.p: " + message);
    }
  }

  static final PipelineTemplate ENUMS =
      template(
          """
          id: enums
          name: Enums
          parameters:
            mode: {type: enum, values: [fast, full], default: fast}
            level: {type: integer, enum: [1, 2], default: 1}
          steps:
            - {name: s, command: [echo, "${mode}", "${level}"]}
          """);

  @Test
  void enumValuesMustBeAllowed() {
    assertThat(convert(ENUMS, Map.of("mode", "full", "level", "2")).parameters())
        .containsExactly(entry("mode", "full"), entry("level", 2));
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("mode", "slow");
    bad.put("level", 3);
    assertThat(message(() -> convert(ENUMS, bad)))
        .isEqualTo(
            "invalid parameters for template 'enums': 2 problems\n"
                + "  - parameters.mode: expected one of fast, full, got 'slow' (a string)\n"
                + "  - parameters.level: expected one of 1, 2, got 3 (a number)");
  }

  static final PipelineTemplate SHELL =
      template(
          """
          id: shell
          name: Shell
          parameters:
            command: {type: string, required: true}
            image: {type: string, default: "busybox:latest"}
          steps:
            - {name: run, image: "${image}", command: [sh, -c, "${command}"]}
          """);

  @Test
  void missingRequiredAndUnknownParametersListTheTemplatesParameters() {
    assertThat(message(() -> convert(SHELL, Map.of("colour", "red"))))
        .isEqualTo(
            "invalid parameters for template 'shell': 2 problems\n"
                + "  - parameters: unknown parameter 'colour' for template 'shell' (parameters:"
                + " command (string, required), image (string, default busybox:latest))\n"
                + "  - parameters: missing required parameter 'command' (a string) for template"
                + " 'shell' (parameters: command (string, required), image (string, default"
                + " busybox:latest))");
    Task task = task(Map.of("pipeline_parameters", Map.of("imag", "x")));
    assertThat(
            message(() -> converter.convert(SHELL, task, Map.of("command", "ls"), DEFAULT_IMAGE)))
        .isEqualTo(
            "invalid parameters for template 'shell': task.metadata.pipeline_parameters: unknown"
                + " parameter 'imag' for template 'shell' (did you mean 'image'? parameters:"
                + " command (string, required), image (string, default busybox:latest))");
    Task bad = task(Map.of("pipeline_parameters", List.of("x")));
    assertThat(message(() -> converter.convert(SHELL, bad, Map.of("command", "ls"), null)))
        .isEqualTo(
            "invalid parameters for template 'shell': task.metadata.pipeline_parameters: expected"
                + " an object of parameter name to value, got a list");
  }

  @Test
  void theWholeScriptOfAShellMayBeAParameter() {
    ConvertedPipeline c = convert(SHELL, Map.of("command", "echo hi; ls", "image", "alpine:3"));
    StepSpec run = c.spec().step("run");
    assertThat(run.command().argv()).containsExactly("sh", "-c", "echo hi; ls");
    assertThat(run.image()).isEqualTo("alpine:3");
    assertThat(run.env()).isEmpty();
  }

  static final PipelineTemplate ARGV =
      template(
          """
          id: argv
          name: Argv
          parameters:
            name: {type: string, default: world}
            files: {type: array, default: ["a b", c]}
            none: {type: array}
            count: {type: integer, default: 3}
            timeout: {type: integer, default: 30}
            dir: {type: string, default: /work}
          steps:
            - name: s
              command: [echo, "--name=${name}", "${files}", "${none}", "${count}", "n=${files}", "$${name}"]
              env: {FILES: "${files}", COUNT: "${count}", NAME: "hi ${name}"}
              workdir: "${dir}"
              timeout_seconds: "${timeout}"
              outputs: ["${dir}/out"]
          """);

  @Test
  void argvElementsGetValuesAndWholeArraysExpand() {
    StepSpec s = convert(ARGV, Map.of()).spec().step("s");
    assertThat(s.command().argv())
        .containsExactly("echo", "--name=world", "a b", "c", "3", "n=[\"a b\",\"c\"]", "${name}");
    assertThat(s.env())
        .containsExactly(
            entry("FILES", "[\"a b\",\"c\"]"), entry("COUNT", "3"), entry("NAME", "hi world"));
    assertThat(s.workdir()).isEqualTo("/work");
    assertThat(s.timeoutSeconds()).isEqualTo(30);
    assertThat(s.outputs()).containsExactly("/work/out");
  }

  @Test
  void argvValuesAreNeverSplitOrInterpreted() {
    StepSpec s =
        convert(ARGV, Map.of("name", "x; rm -rf / $(id)", "files", List.of())).spec().step("s");
    assertThat(s.command().argv())
        .containsExactly("echo", "--name=x; rm -rf / $(id)", "3", "n=[]", "${name}");
  }

  static final PipelineTemplate SCRIPT =
      template(
          """
          id: script
          name: Script
          parameters:
            name: {type: string, default: world}
            files: {type: array, default: [a, b]}
          steps:
            - name: shell
              command: "echo ${name} \\"hello ${name}!\\" ${files} && ls $${HOME}"
              env: {KEEP: me}
            - name: argv
              command: [sh, -euc, "printf '%s\\\\n' ${name} >> \\"/tmp/${task.id}\\"", sh]
            - name: task
              command: "echo ${task.name} ${task.description} ${task.metadata.build-id}"
          """);

  @Test
  void shellTextGetsValuesThroughEnvironmentVariables() {
    Task task = task(Map.of("build-id", 42));
    String evil = "x\"; rm -rf / #'$(reboot)`id`";

    ConvertedPipeline c =
        converter.convert(
            SCRIPT, task, Map.of("name", evil, "files", List.of("a", "b c")), DEFAULT_IMAGE);

    StepSpec shell = c.spec().step("shell");
    assertThat(shell.command().argv())
        .containsExactly(
            "sh",
            "-c",
            "echo \"$GANTRY_PARAM_NAME\" \"hello ${GANTRY_PARAM_NAME}!\" \"$GANTRY_PARAM_FILES\""
                + " && ls ${HOME}");
    assertThat(shell.env())
        .containsExactly(
            entry("KEEP", "me"),
            entry("GANTRY_PARAM_NAME", evil),
            entry("GANTRY_PARAM_FILES", "[\"a\",\"b c\"]"));
    assertThat(shell.image()).isEqualTo(DEFAULT_IMAGE);

    StepSpec argv = c.spec().step("argv");
    assertThat(argv.command().argv())
        .containsExactly(
            "sh",
            "-euc",
            "printf '%s\\n' \"$GANTRY_PARAM_NAME\" >> \"/tmp/${GANTRY_TASK_ID}\"",
            "sh");
    assertThat(argv.env())
        .containsExactly(entry("GANTRY_PARAM_NAME", evil), entry("GANTRY_TASK_ID", "task-1"));

    StepSpec t = c.spec().step("task");
    assertThat(t.command().argv())
        .containsExactly(
            "sh",
            "-c",
            "echo \"$GANTRY_TASK_NAME\" \"$GANTRY_TASK_DESCRIPTION\""
                + " \"$GANTRY_TASK_METADATA_BUILD_ID\"");
    assertThat(t.env())
        .containsExactly(
            entry("GANTRY_TASK_NAME", "Build app"),
            entry("GANTRY_TASK_DESCRIPTION", "Builds the app; then $(tests) it"),
            entry("GANTRY_TASK_METADATA_BUILD_ID", "42"));
  }

  @Test
  void taskPlaceholdersInArgvAndEnv() {
    PipelineTemplate t =
        template(
            """
            id: task-values
            name: Task values
            steps:
              - name: s
                command: [echo, "${task.id}", "name=${task.name}", "${task.description}"]
                env: {OWNER: "${task.metadata.owner}", ALL: "${task.metadata.labels}"}
            """);
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("owner", "ann");
    metadata.put("labels", Map.of("a", 1));
    StepSpec s = converter.convert(t, task(metadata), Map.of(), DEFAULT_IMAGE).spec().step("s");
    assertThat(s.command().argv())
        .containsExactly("echo", "task-1", "name=Build app", "Builds the app; then $(tests) it");
    assertThat(s.env()).containsExactly(entry("OWNER", "ann"), entry("ALL", "{\"a\":1}"));

    assertThat(message(() -> converter.convert(t, task(Map.of("owner", "x")), null, null)))
        .isEqualTo(
            "cannot convert task 'task-1' with template 'task-values': steps[0].env.ALL: task"
                + " 'task-1' has no metadata value 'labels' (used by ${task.metadata.labels}); set"
                + " it in the task's metadata");
  }

  @Test
  void valuesThatMakeAnInvalidPipelineNameThePath() {
    assertThat(message(() -> convert(ARGV, Map.of("dir", "relative", "timeout", 0))))
        .isEqualTo(
            "cannot convert task 'task-1' with template 'argv': the parameters give an invalid"
                + " pipeline: 3 problems\n"
                + "  - steps[0].workdir: expected an absolute path, got 'relative'\n"
                + "  - steps[0].outputs[0]: expected an absolute path below '/', got"
                + " 'relative/out'\n"
                + "  - steps[0].timeout_seconds: expected a positive integer, got 0");
  }

  @Test
  void metadataFormatErrorsNameTheContainerPath() {
    PipelineTemplate t =
        template(
            """
            metadata: {name: M}
            parameters:
              dir: {type: string, default: /src}
            steps:
              - name: a
                container: {image: alpine, command: [ls], workdir: "${dir}", timeout: 5}
            """,
            "meta.yaml");
    assertThat(convert(t, Map.of()).spec().step("a").workdir()).isEqualTo("/src");
    assertThat(message(() -> convert(t, Map.of("dir", "src"))))
        .isEqualTo(
            "cannot convert task 'task-1' with template 'meta': the parameters give an invalid"
                + " pipeline: steps[0].container.workdir: expected an absolute path, got 'src'");
  }

  @Test
  void aStepWithoutImageNeedsADefaultImage() {
    assertThat(message(() -> converter.convert(THREE, task(Map.of()), null, null)))
        .isEqualTo(
            "cannot convert task 'task-1' with template 'three': the parameters give an invalid"
                + " pipeline: steps[0].image: is required (no default image is configured)");
  }

  static Stream<Arguments> scriptsRunBySh() {
    return Stream.of(
        Arguments.of("printf '%s|' ${v}", "V|"),
        Arguments.of("printf '%s|' pre${v}post", "preVpost|"),
        Arguments.of("printf '%s|' \"pre ${v} post\"", "pre V post|"),
        Arguments.of("printf '%s|' \"$(printf '%s' ${v})\"", "V|"),
        Arguments.of("printf '%s|' $${UNSET:-${v}}", "V|"),
        Arguments.of("printf '%s|' \"$${UNSET:-${v}}\"", "V|"),
        Arguments.of("# it's ${v}\nprintf '%s|' 'a'${v}'b'", "aVb|"),
        Arguments.of("cat <<EOF\n'${v}'\nEOF", "'V'\n"),
        Arguments.of("cat <<-EOF\n\t${v} \"x\"\n\tEOF", "V \"x\"\n"));
  }

  /** The scripts a template produces, run by the local sh: the value arrives intact, never run. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scriptsRunBySh")
  void shellScriptsPassValuesIntact(String script, String expected) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    String value = "a  b; echo INJECTED $(echo X) `id` '\" * \\ $HOME";
    PipelineTemplate t =
        TemplateReader.read(
            Map.of(
                "id",
                "sh",
                "name",
                "Sh",
                "parameters",
                Map.of("v", Map.of("type", "string", "required", true)),
                "steps",
                List.of(Map.of("name", "s", "command", script))),
            null);
    StepSpec s = convert(t, Map.of("v", value)).spec().step("s");
    ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", s.command().argv().get(2)));
    pb.environment().putAll(s.env());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(expected.replace("V", value));
  }
}
