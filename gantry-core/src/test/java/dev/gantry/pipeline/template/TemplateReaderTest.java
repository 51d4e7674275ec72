package dev.gantry.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Documents;
import dev.gantry.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateReaderTest {
  static final String GANTRY_YAML =
      """
      id: build-and-test
      name: Build and test
      description: Builds the app and tests it
      category: build
      version: 1.2.0
      tags: [ci, example]
      parameters:
        image: {type: string, default: "busybox:latest", description: Image of every step}
        files: {type: array, default: [a.txt, b.txt]}
        mode: {type: enum, values: [fast, full], default: fast}
        count: {type: integer, required: true}
      steps:
        - name: build
          image: "${image}"
          command: ["sh", "-c", "echo building ${mode}"]
          env: {MODE: "${mode}"}
          outputs: [/out/app]
        - name: test
          command: "ls ${files} && echo $${HOME}"
          depends_on: [build]
      outputs:
        report: {description: The report, value: "${steps.build.output}"}
      """;

  static final String SEED_JSON =
      """
      {
        "template_id": "seed-shell",
        "name": "Seed shell",
        "description": "One shell step",
        "parameters": {
          "greeting": {"type": "string", "required": false, "default": "hello",
                       "description": "What to say"},
          "times": {"type": "int", "default": 2}
        },
        "template_content": {"steps": [{"name": "step1", "command": "echo ${greeting}"}]},
        "created_at": "2024-01-01T00:00:00Z"
      }
      """;

  static final String METADATA_YAML =
      """
      metadata:
        name: Lint code
        description: Lints the sources
        version: "2.0.0"
        category: quality
        tags: [lint]
      parameters:
        level:
          type: string
          enum: [low, high]
          default: low
          description: How strict
      steps:
        - name: lint
          description: Run the linter
          container:
            image: alpine:3
            command: ["lint", "--level", "${level}"]
            workdir: /src
            environment: {LEVEL: "${level}"}
            mounts: []
            timeout: 120
        - name: report
          depends_on: [lint]
          container:
            image: alpine:3
            command: echo done
      outputs:
        lint_log: {description: The lint log, value: "${steps.lint.logs}"}
      """;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void gantryFormatLoads() throws IOException {
    Path file = write("build.yaml", GANTRY_YAML);
    PipelineTemplate t = TemplateReader.read(file);

    assertThat(t.format()).isEqualTo("gantry");
    assertThat(t.id()).isEqualTo("build-and-test");
    assertThat(t.name()).isEqualTo("Build and test");
    assertThat(t.description()).isEqualTo("Builds the app and tests it");
    assertThat(t.category()).isEqualTo("build");
    assertThat(t.version()).isEqualTo("1.2.0");
    assertThat(t.tags()).containsExactly("ci", "example");
    assertThat(t.source()).isEqualTo(file);
    assertThat(t.parameters())
        .containsExactly(
            new TemplateParameter(
                "image",
                ParameterType.STRING,
                false,
                "busybox:latest",
                "Image of every step",
                List.of()),
            new TemplateParameter(
                "files", ParameterType.ARRAY, false, List.of("a.txt", "b.txt"), null, List.of()),
            new TemplateParameter(
                "mode", ParameterType.ENUM, false, "fast", null, List.of("fast", "full")),
            new TemplateParameter("count", ParameterType.INTEGER, true, null, null, List.of()));
    assertThat(t.steps()).hasSize(2);
    assertThat(t.steps().get(0))
        .containsEntry("image", "${image}")
        .containsEntry("command", List.of("sh", "-c", "echo building ${mode}"));
    assertThatThrownBy(() -> t.steps().get(0).put("image", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(t.outputs())
        .containsExactly(
            Map.entry(
                "report", new TemplateOutput("report", "The report", "${steps.build.output}")));
  }

  @Test
  void seedFormatLoadsWithDefaults() throws IOException {
    PipelineTemplate t = TemplateReader.read(write("seed.json", SEED_JSON));

    assertThat(t.format()).isEqualTo("seed");
    assertThat(t.id()).isEqualTo("seed-shell");
    assertThat(t.category()).isEqualTo("general");
    assertThat(t.version()).isEqualTo("1.0.0");
    assertThat(t.parameters())
        .containsExactly(
            new TemplateParameter(
                "greeting", ParameterType.STRING, false, "hello", "What to say", List.of()),
            new TemplateParameter("times", ParameterType.INTEGER, false, 2, null, List.of()));
    assertThat(t.steps()).containsExactly(Map.of("name", "step1", "command", "echo ${greeting}"));
  }

  @Test
  void seedContentMayBeAListOrText() throws IOException {
    PipelineTemplate list =
        TemplateReader.read(
            write(
                "list.yaml",
                "template_id: l\nname: L\ntemplate_content: [{name: a, command: [ok]}]\n"));
    PipelineTemplate text =
        TemplateReader.read(
            write(
                "text.yaml",
                "template_id: t\nname: T\ntemplate_content: |\n"
                    + "  steps:\n    - {name: a, command: [ok]}\n"));
    assertThat(list.steps()).containsExactly(Map.of("name", "a", "command", List.of("ok")));
    assertThat(text.steps()).isEqualTo(list.steps());
  }

  @Test
  void metadataFormatLoadsWithTheFileNameAsId() throws IOException {
    PipelineTemplate t = TemplateReader.read(write("lint-code.yaml", METADATA_YAML));

    assertThat(t.format()).isEqualTo("metadata");
    assertThat(t.id()).isEqualTo("lint-code");
    assertThat(t.name()).isEqualTo("Lint code");
    assertThat(t.category()).isEqualTo("quality");
    assertThat(t.version()).isEqualTo("2.0.0");
    assertThat(t.tags()).containsExactly("lint");
    assertThat(t.parameters())
        .containsExactly(
            new TemplateParameter(
                "level", ParameterType.ENUM, false, "low", "How strict", List.of("low", "high")));
    assertThat(t.steps().get(0))
        .containsExactly(
            Map.entry("name", "lint"),
            Map.entry("description", "Run the linter"),
            Map.entry("image", "alpine:3"),
            Map.entry("command", List.of("lint", "--level", "${level}")),
            Map.entry("workdir", "/src"),
            Map.entry("env", Map.of("LEVEL", "${level}")),
            Map.entry("timeout_seconds", 120));
    assertThat(t.steps().get(1))
        .containsEntry("depends_on", List.of("lint"))
        .containsEntry("command", "echo done");
    assertThat(t.outputs().get("lint_log").value()).isEqualTo("${steps.lint.logs}");
  }

  @Test
  void metadataIdOverridesTheFileName() throws IOException {
    PipelineTemplate t =
        TemplateReader.read(
            write(
                "Some File.yaml",
                METADATA_YAML.replace("  name: Lint", "  id: lint\n  name: Lint")));
    assertThat(t.id()).isEqualTo("lint");
  }

  @Test
  void theSameTemplateReadsFromJsonAndFromATree() throws IOException {
    PipelineTemplate yaml = TemplateReader.read(write("a.yaml", GANTRY_YAML));
    Object tree = Documents.read(GANTRY_YAML, Documents.Format.YAML, "test");
    PipelineTemplate fromTree = TemplateReader.read(tree, null);
    Path json = write("a.json", Json.write(tree));
    PipelineTemplate fromJson = TemplateReader.read(json);
    assertThat(fromTree.parameters()).isEqualTo(yaml.parameters());
    assertThat(fromTree.steps()).isEqualTo(yaml.steps());
    assertThat(fromJson.steps()).isEqualTo(yaml.steps());
    assertThat(fromJson.parameters()).isEqualTo(yaml.parameters());
  }

  static final String BASE =
      """
      id: t
      name: T
      parameters:
        name: {type: string, default: world}
      steps:
        - name: build
          command: [echo, "${name}"]
      """;

  /** A file name, its content and the exact problems it must be rejected with. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("list.yaml", "- a\n- b\n", "expected an object (a template), got a list"),
        bad("empty.yaml", "# nothing\n", "expected an object (a template), got an empty document"),
        bad(
            "unknown-format.yaml",
            "name: x\nsteps: []\n",
            "cannot tell the template's format: expected 'id' (Gantry format), 'template_id'"
                + " (seed format) or a 'metadata' object (metadata format); found keys: name,"
                + " steps"),
        bad(
            "syntax.yaml",
            "id: [a\n",
            "YAML syntax error at line 2, column 1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence started at line 1, column 5)"),
        bad("dup.yaml", "id: a\nid: b\n", "duplicate key 'id' at line 2, column 1"),
        bad("extension.txt", "id: a\n", "expected a file ending in .yaml, .yml or .json"),
        bad(
            "bad-id.yaml",
            BASE.replace("id: t", "id: Build_It"),
            "id: expected 1-64 lower-case letters, digits, '.', '_' or '-' starting with a letter"
                + " or digit, got 'Build_It'"),
        bad("no-name.yaml", BASE.replace("name: T\n", ""), "name: is required"),
        bad(
            "unknown-key.yaml",
            BASE.replace("parameters:", "paramters:"),
            "unknown key 'paramters' for the Gantry format (did you mean 'parameters'? known"
                + " keys: id, name, description, category, version, tags, parameters, steps,"
                + " outputs)",
            "steps[0].command[1]: unknown placeholder ${name} (parameters: none; task values:"
                + " ${task.id}, ${task.name}, ${task.description}, ${task.metadata.KEY}; write $${"
                + " for a literal ${)"),
        bad(
            "version.yaml",
            BASE + "version: one\n",
            "version: expected a version such as 1.0.0 (numbers separated by dots, optionally"
                + " followed by -label), got 'one'"),
        bad("tags.yaml", BASE + "tags: [1]\n", "tags[0]: expected a string, got a number (1)"),
        bad(
            "no-type.yaml",
            BASE.replace("{type: string, default: world}", "{default: world}"),
            "parameters.name.type: is required: one of string, number, integer, boolean, array,"
                + " object, enum"),
        bad(
            "unknown-type.yaml",
            BASE.replace("type: string", "type: strng"),
            "parameters.name.type: unknown type 'strng' (did you mean 'string'?); expected one"
                + " of string, number, integer, boolean, array, object, enum"),
        bad(
            "default-type.yaml",
            BASE.replace("{type: string, default: world}", "{type: integer, default: abc}"),
            "parameters.name.default: expected an integer, got 'abc' (a string)"),
        bad(
            "enum-values.yaml",
            BASE.replace("{type: string, default: world}", "{type: enum, default: a}"),
            "parameters.name: an enum parameter needs 'values': the list of allowed values"),
        bad(
            "enum-default.yaml",
            BASE.replace(
                "{type: string, default: world}",
                "{type: enum, values: [fast, full], default: slow}"),
            "parameters.name.default: expected one of fast, full, got 'slow' (a string)"),
        bad(
            "enum-base-type.yaml",
            BASE.replace(
                "{type: string, default: world}", "{type: integer, enum: [1, two], default: 1}"),
            "parameters.name.enum[1]: expected an integer (the parameter's type), got 'two' (a"
                + " string)"),
        bad(
            "required-default.yaml",
            BASE.replace(
                "{type: string, default: world}", "{type: string, required: true, default: w}"),
            "parameters.name.default: a required parameter cannot have a default; remove one of"
                + " the two"),
        bad(
            "param-name.yaml",
            BASE.replace("  name: {type", "  2fast: {type"),
            "parameters.2fast: expected a parameter name of 1-64 letters, digits and '_' not"
                + " starting with a digit (and not 'task' or 'steps'), got '2fast'",
            "steps[0].command[1]: unknown placeholder ${name} (parameters: none; task values:"
                + " ${task.id}, ${task.name}, ${task.description}, ${task.metadata.KEY}; write $${"
                + " for a literal ${)"),
        bad(
            "param-key.yaml",
            BASE.replace("default: world", "defualt: world"),
            "parameters.name: unknown key 'defualt' (did you mean 'default'? known keys: type,"
                + " required, default, description, values, enum)"),
        bad(
            "optional-integer.yaml",
            BASE.replace("parameters:\n", "parameters:\n  n: {type: integer}\n"),
            "parameters.n: an optional integer parameter needs a 'default' (or 'required: true')"),
        bad(
            "case.yaml",
            BASE.replace("parameters:\n", "parameters:\n  NAME: {type: string}\n"),
            "parameters.name: parameters 'NAME' and 'name' differ only in case"),
        bad("no-steps.yaml", "id: t\nname: T\n", "steps: is required: a list of steps"),
        bad(
            "empty-steps.yaml",
            "id: t\nname: T\nsteps: []\n",
            "steps: expected a non-empty list of steps, got an empty list"),
        bad(
            "step-key.yaml",
            BASE.replace("command:", "imag: alpine\n    command:"),
            "steps[0]: unknown key 'imag' (did you mean 'image'? known keys: cache, command,"
                + " depends_on, description, env, environment, image, name, network, outputs,"
                + " registry_credentials, resources, retry, retryable_exit_codes, secrets,"
                + " timeout_seconds,"
                + " total_timeout_seconds, user, workdir, working_dir)"),
        bad(
            "no-command.yaml",
            "id: t\nname: T\nsteps:\n  - name: build\n",
            "steps[0].command: is required"),
        bad(
            "dup-step.yaml",
            BASE + "  - {name: build, command: [ok]}\n",
            "steps[1].name: duplicate step name 'build' (also steps[0])"),
        bad(
            "depends.yaml",
            BASE + "  - {name: test, command: [ok], depends_on: [bild]}\n",
            "steps[1].depends_on[0]: unknown step 'bild' (did you mean 'build'?)"),
        bad(
            "cycle.yaml",
            "id: t\nname: T\nsteps:\n  - {name: a, command: [ok], depends_on: [b]}\n"
                + "  - {name: b, command: [ok], depends_on: [a]}\n",
            "steps: dependency cycle: a -> b -> a"),
        bad(
            "unknown-placeholder.yaml",
            BASE.replace("\"${name}\"", "\"${colour}\""),
            "steps[0].command[1]: unknown placeholder ${colour} (parameters: name; task values:"
                + " ${task.id}, ${task.name}, ${task.description}, ${task.metadata.KEY}; write $${"
                + " for a literal ${)"),
        bad(
            "misspelt-placeholder.yaml",
            BASE.replace("\"${name}\"", "\"${nam}\""),
            "steps[0].command[1]: unknown placeholder ${nam} (did you mean ${name}? parameters:"
                + " name; task values: ${task.id}, ${task.name}, ${task.description},"
                + " ${task.metadata.KEY}; write $${ for a literal ${)"),
        bad(
            "task-metadata-key.yaml",
            BASE.replace("\"${name}\"", "\"${task.metadata.a b}\""),
            "steps[0].command[1]: unknown placeholder ${task.metadata.a b}: expected"
                + " ${task.metadata.KEY} with a KEY of letters, digits, '_' and '-'"),
        bad(
            "single-quoted.yaml",
            BASE.replace("[echo, \"${name}\"]", "\"echo 'hello ${name}'\""),
            "steps[0].command: ${name} is inside single quotes in the shell command of step"
                + " 'build', where its value cannot be passed safely; end the quotes before it,"
                + " e.g. 'a'${name}'b' or \"a${name}b\""),
        bad(
            "single-quoted-argv.yaml",
            BASE.replace("[echo, \"${name}\"]", "[bash, -euc, \"echo '${task.name}'\"]"),
            "steps[0].command[2]: ${task.name} is inside single quotes in the shell command of"
                + " step 'build', where its value cannot be passed safely; end the quotes before"
                + " it, e.g. 'a'${task.name}'b' or \"a${task.name}b\""),
        bad(
            "escaped.yaml",
            BASE.replace("[echo, \"${name}\"]", "'echo \\${name}'"),
            "steps[0].command: ${name} follows a backslash in the shell command of step 'build',"
                + " where its value cannot be passed; remove the backslash"),
        bad(
            "unclosed.yaml",
            BASE.replace("\"${name}\"", "\"${name\""),
            "steps[0].command[1]: unclosed placeholder '${name' (close it with '}', or write $${"
                + " for a literal ${)"),
        bad(
            "name-placeholder.yaml",
            BASE.replace("- name: build", "- name: \"${name}\""),
            "steps[0].name: cannot use placeholders (the value must be written out)"),
        bad(
            "reserved-env.yaml",
            BASE + "    env: {GANTRY_PARAM_NAME: x}\n",
            "steps[0].env.GANTRY_PARAM_NAME: names starting with GANTRY_PARAM_ or GANTRY_TASK_"
                + " are reserved for the values of placeholders in shell commands"),
        bad(
            "step-ref-in-step.yaml",
            BASE.replace("\"${name}\"", "\"${steps.build.output}\""),
            "steps[0].command[1]: ${steps.build.output} can only be used in the template's"
                + " outputs"),
        bad(
            "workdir.yaml",
            BASE + "    workdir: relative\n",
            "steps[0].workdir: expected an absolute path, got 'relative'"),
        bad(
            "output-step.yaml",
            BASE + "outputs:\n  report: {value: \"${steps.bild.output}\"}\n",
            "outputs.report.value: unknown step 'bild' (did you mean 'build'? steps: build)"),
        bad(
            "output-field.yaml",
            BASE + "outputs:\n  report: {value: \"${steps.build.stdout}\"}\n",
            "outputs.report.value: expected ${steps.STEP.output}, ${steps.STEP.logs} or"
                + " ${steps.STEP.exit_code}, got '${steps.build.stdout}' ('stdout' is not one of"
                + " output, logs, exit_code)"),
        bad(
            "output-key.yaml",
            BASE + "outputs:\n  report: {value: \"${steps.build.logs}\", desc: x}\n",
            "outputs.report: unknown key 'desc' in a template output (known keys: description,"
                + " value)"),
        bad(
            "mounts.yaml",
            METADATA_YAML.replace(
                "mounts: []", "mounts: [{source: /etc, target: /host, read_only: true}]"),
            "steps[0].container.mounts: step 'lint' mounts host paths, which templates do not"
                + " support yet: Gantry refuses host mounts unless they are under"
                + " security.allowed_host_paths; pass files between steps with 'outputs'"
                + " instead"),
        bad(
            "no-container.yaml",
            "metadata: {name: M}\nsteps:\n  - name: a\n",
            "steps[0].container: is required: {image, command, ...}"),
        bad(
            "container-key.yaml",
            "metadata: {name: M}\nsteps:\n  - name: a\n    container: {image: x, cmd: [ok]}\n",
            "steps[0].container: unknown key 'cmd' in a metadata-format container (known keys:"
                + " image, command, workdir, environment, mounts, timeout)",
            "steps[0].container.command: is required"),
        bad(
            "timeout.yaml",
            METADATA_YAML.replace("timeout: 120", "timeout: -5"),
            "steps[0].container.timeout: expected a positive integer, got -5"),
        bad(
            "My Template.yaml",
            METADATA_YAML,
            "metadata.id: the file name 'My Template' is not a valid template id (1-64 lower-case"
                + " letters, digits, '.', '_' or '-' starting with a letter or digit); rename the"
                + " file or set metadata.id"),
        bad(
            "seed-content.json",
            "{\"template_id\": \"s\", \"name\": \"S\"}",
            "template_content: is required: a list of steps"),
        bad(
            "seed-parameters.json",
            SEED_JSON.replace("\"parameters\": {", "\"parameters\": \"none\", \"x\": {"),
            "unknown key 'x' for the seed format (known keys: template_id, name, description,"
                + " category, version, tags, parameters, template_content, created_at,"
                + " updated_at)",
            "parameters: expected an object of parameter name to spec, got 'none'",
            "template_content.steps[0].command: unknown placeholder ${greeting} (parameters: none; task values:"
                + " ${task.id}, ${task.name}, ${task.description}, ${task.metadata.KEY}; write $${"
                + " for a literal ${)"));
  }

  private static Arguments bad(String file, String content, String... problems) {
    return Arguments.of(file, content, List.of(problems));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedTemplatesAreRejectedWithPreciseMessages(
      String file, String content, List<String> expected) throws IOException {
    Path path = write(file, content);
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> TemplateReader.read(path));
    assertThat(e).as("template %s must be rejected", file).isNotNull();
    assertThat(e.getMessage()).startsWith("invalid pipeline template " + path + ": ");
    assertThat(e.problems().stream().map(Problem::toString)).containsExactlyElementsOf(expected);
  }

  @Test
  void everyMalformedTemplateHasItsOwnCase() {
    assertThat(malformed().count()).isGreaterThanOrEqualTo(20);
  }
}
