package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
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

class PipelineParserTest {
  static final String DEFAULT_IMAGE = "busybox:latest";

  static final String ALL_KEYS_YAML =
      """
      name: build-and-test
      description: Builds and tests the app
      steps:
        - name: fetch
          description: Fetch the sources
          image: alpine:3.20
          command: [git, clone, "https://example.com/app.git", /src]
          environment:
            GIT_TERMINAL_PROMPT: 0
            VERBOSE: true
            VERSION: 1.10
          outputs: [/src]
          network: true
          resources:
            memory: 64m
            cpus: 0.5
            pids: 64
        - name: build
          command: make -C /src
          env:
            CC: gcc
          secrets: [API_TOKEN]
          working_dir: /src
          user: 1000
          outputs: [/src/bin, /src/lib]
          depends_on: fetch
          timeout_seconds: 300
          network: none
        - name: test
          image: busybox:1.36
          command: ./run-tests
          workdir: /src
          user: nobody
          depends_on: [build, fetch]
          resources: {memory: 134217728}
          network: bridge
      """;

  final PipelineParser parser = new PipelineParser(DEFAULT_IMAGE);

  @Test
  void seedMinimalExampleParsesAsJsonStringAndAsMap() {
    String seed = "{\"steps\":[{\"name\":\"step1\",\"command\":\"echo 'Hello, World!'\"}]}";
    Map<String, Object> asMap =
        Map.of("steps", List.of(Map.of("name", "step1", "command", "echo 'Hello, World!'")));

    for (PipelineSpec spec : List.of(parser.parse((Object) seed), parser.parse(asMap))) {
      assertThat(spec.steps()).hasSize(1);
      StepSpec step = spec.step("step1");
      assertThat(step.image()).isEqualTo(DEFAULT_IMAGE);
      assertThat(step.command()).isEqualTo(new Command.Shell("echo 'Hello, World!'"));
      assertThat(step.command().argv()).containsExactly("sh", "-c", "echo 'Hello, World!'");
      assertThat(step.dependsOn()).isEmpty();
      assertThat(step.network()).isEqualTo(NetworkMode.NONE);
    }
  }

  @Test
  void multiStepYamlWithAllKeys() {
    PipelineSpec spec = parser.parseYaml(ALL_KEYS_YAML);

    assertThat(spec.name()).isEqualTo("build-and-test");
    assertThat(spec.description()).isEqualTo("Builds and tests the app");
    assertThat(spec.steps()).extracting(StepSpec::name).containsExactly("fetch", "build", "test");

    StepSpec fetch = spec.step("fetch");
    assertThat(fetch.description()).isEqualTo("Fetch the sources");
    assertThat(fetch.image()).isEqualTo("alpine:3.20");
    assertThat(fetch.command().argv())
        .containsExactly("git", "clone", "https://example.com/app.git", "/src");
    assertThat(fetch.env())
        .containsExactly(
            Map.entry("GIT_TERMINAL_PROMPT", "0"),
            Map.entry("VERBOSE", "true"),
            Map.entry("VERSION", "1.10"));
    assertThat(fetch.outputs()).containsExactly("/src");
    assertThat(fetch.network()).isEqualTo(NetworkMode.BRIDGE);
    assertThat(fetch.resources()).isEqualTo(new Resources(64L * 1024 * 1024, 0.5, 64L));
    assertThat(fetch.timeoutSeconds()).isNull();

    StepSpec build = spec.step("build");
    assertThat(build.image()).isEqualTo(DEFAULT_IMAGE);
    assertThat(build.command()).isEqualTo(new Command.Shell("make -C /src"));
    assertThat(build.env()).containsExactly(Map.entry("CC", "gcc"));
    assertThat(build.secrets()).containsExactly("API_TOKEN");
    assertThat(build.workdir()).isEqualTo("/src");
    assertThat(build.user()).isEqualTo("1000");
    assertThat(build.outputs()).containsExactly("/src/bin", "/src/lib");
    assertThat(build.dependsOn()).containsExactly("fetch");
    assertThat(build.timeoutSeconds()).isEqualTo(300);
    assertThat(build.network()).isEqualTo(NetworkMode.NONE);
    assertThat(build.resources()).isEqualTo(Resources.DEFAULTS);

    StepSpec test = spec.step("test");
    assertThat(test.image()).isEqualTo("busybox:1.36");
    assertThat(test.workdir()).isEqualTo("/src");
    assertThat(test.user()).isEqualTo("nobody");
    assertThat(test.dependsOn()).containsExactly("build", "fetch");
    assertThat(test.resources()).isEqualTo(new Resources(128L * 1024 * 1024, null, null));
    assertThat(test.network()).isEqualTo(NetworkMode.BRIDGE);
  }

  @Test
  void argvIsPassedAsItIsAndAShellStringRunsUnderShC() {
    PipelineSpec spec =
        parser.parseYaml(
            """
            steps:
              - name: argv
                command: [echo, "$HOME", "a b"]
              - name: shell
                command: echo "$HOME" && ls | wc -l
            """);

    assertThat(spec.step("argv").command()).isInstanceOf(Command.Argv.class);
    assertThat(spec.step("argv").command().argv()).containsExactly("echo", "$HOME", "a b");
    assertThat(spec.step("shell").command()).isInstanceOf(Command.Shell.class);
    assertThat(spec.step("shell").command().argv())
        .containsExactly("sh", "-c", "echo \"$HOME\" && ls | wc -l");
  }

  @Test
  void parseDispatchesStringsOnTheirFirstCharacter() {
    String json = "  {\"steps\": [{\"name\": \"a\", \"command\": [\"true\"]}]}";
    String yaml = "steps:\n  - {name: a, command: [\"true\"]}\n";

    assertThat(parser.parse((Object) json)).isEqualTo(parser.parseJson(json));
    assertThat(parser.parse((Object) yaml)).isEqualTo(parser.parseJson(json));
    assertThatThrownBy(() -> parser.parse((Object) List.of("steps")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "invalid pipeline definition: expected an object or a YAML or JSON string, got a"
                + " list");
  }

  @Test
  void withoutADefaultImageEveryStepNamesItsImage() {
    PipelineParser strict = new PipelineParser(null);

    assertThatThrownBy(() -> strict.parseYaml("steps: [{name: a, command: x}]"))
        .hasMessage(
            "invalid pipeline definition: steps[0].image: is required (no default image is"
                + " configured)");
    assertThat(strict.parseYaml("steps: [{name: a, image: alpine, command: x}]").step("a").image())
        .isEqualTo("alpine");
  }

  @Test
  void exportedMapReadsBackToTheSameSpec() {
    PipelineSpec spec = parser.parseYaml(ALL_KEYS_YAML);

    Map<String, Object> map = PipelineParser.toMap(spec);
    String yaml = PipelineParser.toYaml(spec);

    assertThat(parser.parse(map)).isEqualTo(spec);
    assertThat(new PipelineParser(null).parseYaml(yaml)).isEqualTo(spec);
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch = ((List<Map<String, Object>>) map.get("steps")).get(0);
    assertThat(fetch)
        .containsEntry("command", List.of("git", "clone", "https://example.com/app.git", "/src"))
        .containsEntry("resources", Map.of("memory", "64m", "cpus", 0.5, "pids", 64L))
        .containsEntry("network", "bridge")
        .doesNotContainKeys("depends_on", "timeout_seconds", "workdir");
    assertThat(yaml).contains("name: build-and-test", "depends_on:", "timeout_seconds: 300");
  }

  @Test
  void parsesFilesByExtensionAndNamesTheFileInErrors(@TempDir Path dir) throws Exception {
    Path yaml = Files.writeString(dir.resolve("p.yml"), ALL_KEYS_YAML);
    Path json =
        Files.writeString(
            dir.resolve("p.json"), "{\"steps\":[{\"name\":\"a\",\"command\":\"true\"}]}");
    Path text = Files.writeString(dir.resolve("p.txt"), "steps: []");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "steps:\n  - name: a\n    comand: x\n");

    assertThat(parser.parseFile(yaml)).isEqualTo(parser.parseYaml(ALL_KEYS_YAML));
    assertThat(parser.parseFile(json).step("a").command().argv())
        .containsExactly("sh", "-c", "true");
    assertThatThrownBy(() -> parser.parseFile(text))
        .hasMessage(
            "invalid pipeline definition "
                + text
                + ": expected a file ending in .json, .yaml or"
                + " .yml");
    assertThatThrownBy(() -> parser.parseFile(dir.resolve("missing.yaml")))
        .hasMessage(
            "invalid pipeline definition "
                + dir.resolve("missing.yaml")
                + ": the file does not exist");
    assertThatThrownBy(() -> parser.parseFile(bad))
        .hasMessageStartingWith("invalid pipeline definition " + bad + ": 2 problems")
        .hasMessageContaining("steps[0]: unknown key 'comand' (did you mean 'command'?")
        .hasMessageContaining("steps[0].command: is required");
  }

  @Test
  void reportsEveryProblemOfADocumentAtOnce() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () ->
                parser.parseYaml(
                    """
                    steps:
                      - name: a
                        command: x
                        timeout_seconds: 0
                        workdir: src
                        resources: {memory: 1k, cpus: -1, pids: 0}
                      - name: b
                        command: []
                        depends_on: [a, c]
                      - name: c
                        command: y
                        depends_on: b
                    """));

    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "steps[0].workdir: expected an absolute path, got 'src'",
            "steps[0].timeout_seconds: expected a positive integer, got 0",
            "steps[0].resources.pids: expected a positive integer, got 0",
            "steps[0].resources.memory: expected at least 6m (Docker's minimum), got 1024 bytes",
            "steps[0].resources.cpus: expected a number > 0, got -1.0",
            "steps[1].command: must not be an empty list",
            "steps: dependency cycle: b -> c -> b");
    assertThat(e.getMessage()).startsWith("invalid pipeline definition: 7 problems\n  - ");
  }

  static final String KNOWN_STEP_KEYS =
      "known keys: " + String.join(", ", StepParser.KEYS.stream().sorted().toList());

  /** A malformed definition (YAML, or JSON when it starts with '{') and its exact problems. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("missing steps", "name: p", "steps: is required"),
        bad(
            "steps not a list",
            "steps: {name: a}",
            "steps: expected a list of steps, got an object"),
        bad("empty steps", "steps: []", "steps: expected at least one step"),
        bad(
            "step not an object",
            "steps: [build]",
            "steps[0]: expected an object with at least 'name' and 'command', got 'build'"),
        bad("missing name", "steps: [{command: x}]", "steps[0].name: is required"),
        bad(
            "name not a string",
            "steps: [{name: [a], command: x}]",
            "steps[0].name: expected a string, got a list"),
        bad(
            "bad name characters",
            "steps: [{name: 'build it', command: x}]",
            "steps[0].name: expected 1-63 letters, digits, '_', '.' or '-' starting with a letter"
                + " or digit, got 'build it'"),
        bad(
            "duplicate names",
            "steps: [{name: a, command: x}, {name: b, command: x}, {name: a, command: y}]",
            "steps[2].name: duplicate step name 'a' (also steps[0])"),
        bad("missing command", "steps: [{name: a}]", "steps[0].command: is required"),
        bad(
            "command a number",
            "steps: [{name: a, command: x}, {name: b, command: 3}]",
            "steps[1].command: expected a string or a list of strings, got a number (3)"),
        bad(
            "argv with a non-string element",
            "steps: [{name: a, command: [echo, {x: 1}]}]",
            "steps[0].command[1]: expected a string, got an object"),
        bad(
            "argv with a number",
            "steps: [{name: a, command: [sleep, 5]}]",
            "steps[0].command[1]: expected a string, got a number (5)"),
        bad(
            "empty argv",
            "steps: [{name: a, command: []}]",
            "steps[0].command: must not be an empty list"),
        bad(
            "blank shell command",
            "steps: [{name: a, command: '  '}]",
            "steps[0].command: must not be empty"),
        bad(
            "unknown key with a typo",
            "steps: [{name: a, command: x, imgae: alpine}]",
            "steps[0]: unknown key 'imgae' (did you mean 'image'? " + KNOWN_STEP_KEYS + ")"),
        bad(
            "unknown key without a near key",
            "steps: [{name: a, command: x, privileged: true}]",
            "steps[0]: unknown key 'privileged' (" + KNOWN_STEP_KEYS + ")"),
        bad(
            "unknown top-level key",
            "stepz: []\nsteps: [{name: a, command: x}]",
            "unknown key 'stepz' (did you mean 'steps'? known keys: description, name, steps)"),
        bad(
            "depends_on an unknown step, with a suggestion",
            """
            steps:
              - {name: fetch, command: x}
              - {name: build, command: x, depends_on: fetch}
              - {name: test, command: x, depends_on: [bild]}
            """,
            "steps[2].depends_on[0]: unknown step 'bild' (did you mean 'build'?)"),
        bad(
            "depends_on an unknown step, nothing close",
            "steps: [{name: a, command: x, depends_on: [deploy]}]",
            "steps[0].depends_on[0]: unknown step 'deploy'"),
        bad(
            "depends_on a number",
            "steps: [{name: a, command: x}, {name: b, command: x, depends_on: [a, 1]}]",
            "steps[1].depends_on[1]: expected a step name, got a number (1)"),
        bad(
            "depends_on an object",
            "steps: [{name: a, command: x, depends_on: {b: 1}}]",
            "steps[0].depends_on: expected a step name or a list of step names, got an object"),
        bad(
            "depends_on itself",
            "steps: [{name: a, command: x, depends_on: a}]",
            "steps[0].depends_on[0]: step 'a' depends on itself"),
        bad(
            "two-step cycle",
            "steps: [{name: a, command: x, depends_on: b}, {name: b, command: x, depends_on: a}]",
            "steps: dependency cycle: a -> b -> a"),
        bad(
            "three-step cycle",
            """
            steps:
              - {name: a, command: x, depends_on: [c]}
              - {name: b, command: x, depends_on: [a]}
              - {name: c, command: x, depends_on: [b]}
            """,
            "steps: dependency cycle: a -> c -> b -> a"),
        bad(
            "negative timeout",
            "steps: [{name: a, command: x, timeout_seconds: -5}]",
            "steps[0].timeout_seconds: expected a positive integer, got -5"),
        bad(
            "timeout not a number",
            "steps: [{name: a, command: x, timeout_seconds: abc}]",
            "steps[0].timeout_seconds: expected a positive integer, got 'abc'"),
        bad(
            "fractional timeout",
            "steps: [{name: a, command: x, timeout_seconds: 1.5}]",
            "steps[0].timeout_seconds: expected a positive integer, got 1.5"),
        bad(
            "relative workdir",
            "steps: [{name: a, command: x, workdir: src}]",
            "steps[0].workdir: expected an absolute path, got 'src'"),
        bad(
            "relative working_dir",
            "steps: [{name: a, command: x, working_dir: ./src}]",
            "steps[0].working_dir: expected an absolute path, got './src'"),
        bad(
            "workdir and working_dir",
            "steps: [{name: a, command: x, workdir: /a, working_dir: /b}]",
            "steps[0]: use either 'workdir' or 'working_dir', not both"),
        bad(
            "relative output",
            "steps: [{name: a, command: x, outputs: [out]}]",
            "steps[0].outputs[0]: expected an absolute path below '/', got 'out'"),
        bad(
            "output with '..'",
            "steps: [{name: a, command: x, outputs: [/work/out, /work/../etc]}]",
            "steps[0].outputs[1]: must not contain '.' or '..', got '/work/../etc'"),
        bad(
            "outputs not a list",
            "steps: [{name: a, command: x, outputs: /out}]",
            "steps[0].outputs: expected a list of strings, got '/out'"),
        bad(
            "env value a list",
            "steps: [{name: a, command: x, env: {FILES: [a, b]}}]",
            "steps[0].env.FILES: expected a string, number or boolean, got a list"),
        bad(
            "env value null",
            "steps: [{name: a, command: x, environment: {EMPTY: null}}]",
            "steps[0].environment.EMPTY: expected a string, number or boolean, got nothing"),
        bad(
            "env key invalid",
            "steps: [{name: a, command: x, env: {1ST: a}}]",
            "steps[0].env.1ST: expected a variable name of letters, digits and '_' not starting"
                + " with a digit"),
        bad(
            "env and environment",
            "steps: [{name: a, command: x, env: {A: 1}, environment: {B: 2}}]",
            "steps[0]: use either 'env' or 'environment', not both"),
        bad(
            "env not an object",
            "steps: [{name: a, command: x, env: [A=1]}]",
            "steps[0].env: expected an object, got a list"),
        bad(
            "secret name invalid",
            "steps: [{name: a, command: x, secrets: [api-token]}]",
            "steps[0].secrets[0]: expected a secret name of letters, digits and '_' not starting"
                + " with a digit, got 'api-token'"),
        bad(
            "secret also in env",
            "steps: [{name: a, command: x, env: {TOKEN: x}, secrets: [TOKEN]}]",
            "steps[0].secrets[0]: 'TOKEN' is also set in env; give it either as a secret or in"
                + " env"),
        bad(
            "memory not a size",
            "steps: [{name: a, command: x, resources: {memory: lots}}]",
            "steps[0].resources.memory: expected a size such as 64m, 1g or a number of bytes, got"
                + " 'lots'"),
        bad(
            "memory below Docker's minimum",
            "steps: [{name: a, command: x, resources: {memory: 1m}}]",
            "steps[0].resources.memory: expected at least 6m (Docker's minimum), got 1048576"
                + " bytes"),
        bad(
            "memory a list",
            "steps: [{name: a, command: x, resources: {memory: [1]}}]",
            "steps[0].resources.memory: expected a size such as 64m, 1g or a number of bytes, got"
                + " a list"),
        bad(
            "cpus not a number",
            "steps: [{name: a, command: x, resources: {cpus: many}}]",
            "steps[0].resources.cpus: expected a number, got 'many'"),
        bad(
            "unknown resources key",
            "steps: [{name: a, command: x, resources: {memroy: 64m}}]",
            "steps[0].resources: unknown key 'memroy' (did you mean 'memory'? known keys: cpus,"
                + " memory, pids)"),
        bad(
            "network unknown",
            "steps: [{name: a, command: x, network: host}]",
            "steps[0].network: expected one of none, bridge, got 'host'"),
        bad(
            "network a number",
            "steps: [{name: a, command: x, network: 1}]",
            "steps[0].network: expected none, bridge, true or false, got a number (1)"),
        bad(
            "user a list",
            "steps: [{name: a, command: x, user: [root]}]",
            "steps[0].user: expected a user name or a numeric uid, got a list"),
        bad(
            "YAML syntax error",
            "steps:\n  - name: a\n    command: [echo, hi\n",
            "YAML syntax error at line 4, column 1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence started at line 3, column 14)"),
        bad(
            "YAML bad indentation",
            "steps:\n  - name: a\n   command: x\n",
            "YAML syntax error at line 3, column 4: expected <block end>, but found '<block"
                + " mapping start>' (while parsing a block collection started at line 2, column 3)"),
        bad(
            "JSON syntax error",
            "{\"steps\": [{\"name\": \"a\",, }]}",
            "JSON syntax error at line 1, column 25: Unexpected character (',' (code 44)): was"
                + " expecting double-quote to start field name"),
        bad(
            "JSON trailing content",
            "{\"steps\": []} {}",
            "unexpected content after the JSON document at line 1, column 15"),
        bad(
            "duplicate key",
            "steps: []\nsteps: [{name: a, command: x}]\n",
            "duplicate key 'steps' at line 2, column 1"),
        bad(
            "two YAML documents",
            "steps: [{name: a, command: x}]\n---\nsteps: [{name: b, command: x}]\n",
            "expected a single YAML document, found another one at line 3, column 1"),
        bad(
            "YAML alias bomb (billion laughs)",
            billionLaughs(),
            "YAML alias '*a0' at line 2, column 10 is not supported; write the value out in full"),
        bad(
            "YAML alias of a scalar",
            "x: &cmd echo hi\nsteps: [{name: a, command: *cmd}]\n",
            "YAML alias '*cmd' at line 2, column 28 is not supported; write the value out in full"),
        bad(
            "YAML document too deep",
            "steps: " + "[".repeat(100) + "]".repeat(100),
            "the document exceeds a safety limit: Document nesting depth (65) exceeds the maximum"
                + " allowed (64)"),
        bad(
            "JSON document too deep",
            "{\"steps\": " + "[".repeat(100) + "]".repeat(100) + "}",
            "the document exceeds a safety limit: Document nesting depth (65) exceeds the maximum"
                + " allowed (64)"),
        bad(
            "empty document",
            "# nothing here\n",
            "expected an object with 'steps', got an empty document"),
        bad("document a list", "- name: a\n", "expected an object with 'steps', got a list"));
  }

  private static Arguments bad(String label, String definition, String... problems) {
    return Arguments.of(label, definition, List.of(problems));
  }

  /** Ten levels of ten aliases each: 10^10 strings if aliases were expanded. */
  private static String billionLaughs() {
    StringBuilder yaml =
        new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    return yaml.append("steps: [{name: a, command: x}]\n").toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedDefinitionsNameThePathAndWhatIsExpected(
      String label, String definition, List<String> expected) {
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> parser.parse((Object) definition));

    assertThat(e).as(label).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).as(label).isEqualTo(expected);
    assertThat(e.getMessage()).isEqualTo("invalid pipeline definition: " + expected.get(0));
  }
}
