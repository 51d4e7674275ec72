package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gantry templates ...} and {@code gantry task convert}, run through {@link Main}. */
class TemplatesCommandTest {
  @TempDir Path dir;
  Path config;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void config() throws Exception {
    config = dir.resolve("gantry.yaml");
    Files.writeString(
        config,
        "templates_dir: "
            + BuiltinTemplatesTest.TEMPLATES
            + "\ndata_directory: "
            + dir.resolve("data")
            + "\n");
  }

  private Run gantry(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of("-c", config.toString()));
      all.addAll(List.of(args));
      int exit = Main.run(all.toArray(String[]::new));
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @Test
  void listShowsTheBuiltInsAndTheDocsShowTheSameListing() throws Exception {
    Run list = gantry("templates", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().skip(2).map(l -> l.split(" ")[0]))
        .containsExactlyElementsOf(BuiltinTemplatesTest.IDS);
    String doc = Files.readString(TemplateDocsTest.DOC);
    assertThat(doc).contains(list.out());

    Run categories = gantry("templates", "categories");
    assertThat(doc).contains("$ gantry templates categories\n" + categories.out());
  }

  @Test
  void listFiltersByCategoryAndPrintsJson() throws Exception {
    Run data = gantry("-o", "json", "templates", "list", "--category", "data");
    assertThat(data.exit()).isZero();
    List<?> listed = Json.JSON.readValue(data.out(), List.class);
    assertThat(listed).hasSize(1);
    Map<?, ?> template = (Map<?, ?>) listed.get(0);
    assertThat(template.get("id")).isEqualTo("data-processing");
    assertThat((List<?>) template.get("parameters"))
        .anySatisfy(
            p ->
                assertThat(map(p))
                    .containsEntry("name", "processing_type")
                    .containsEntry("type", "enum")
                    .containsEntry("default", "analyze"));

    assertThat(gantry("templates", "list", "--category", "nope").err()).contains("no templates");
  }

  @Test
  void showPrintsParametersStepsAndOutputs() {
    Run show = gantry("templates", "show", "fan-out-fan-in");
    assertThat(show.exit()).isZero();
    assertThat(show.out())
        .contains("fan-out-fan-in 1.0.0  Fan-out / fan-in")
        .contains("category: parallel")
        .containsPattern("items +array +no +\\[\"alpha\",\"bravo\"")
        .contains("- name: branch-1", "- name: join", "result: ${steps.join.output}");

    Run missing = gantry("templates", "show", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("pipeline template 'nope' not found");
  }

  @Test
  void validateReportsEachBadFileAndDuplicatesWithExitTwo() throws Exception {
    Run good = gantry("templates", "validate", BuiltinTemplatesTest.TEMPLATES.toString());
    assertThat(good.exit()).isZero();
    assertThat(good.out()).contains("5 template(s)").contains("all valid");

    Path bad = Files.createDirectories(dir.resolve("bad/sub"));
    Files.copy(BuiltinTemplatesTest.TEMPLATES.resolve("shell.yaml"), bad.resolve("shell.yaml"));
    Files.copy(BuiltinTemplatesTest.TEMPLATES.resolve("shell.yaml"), bad.resolve("../copy.yml"));
    Files.writeString(bad.resolve("../broken.yaml"), "id: Broken\nname: x\nsteps: []\n");
    Run run = gantry("templates", "validate", dir.resolve("bad").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out())
        .contains("broken.yaml: 2 problems")
        .contains("got 'Broken'")
        .contains("duplicate template id 'shell'")
        .contains("2 file(s) with problems");
    assertThat(run.err()).isEmpty();

    Run json = gantry("-o", "json", "templates", "validate", dir.resolve("bad").toString());
    assertThat(json.exit()).isEqualTo(2);
    assertThat(Json.JSON.readValue(json.out(), Map.class)).containsEntry("valid", false);

    Run none = gantry("templates", "validate", dir.resolve("missing").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no such directory");
  }

  @Test
  void convertStoresThePipelineWithTypedParameters() throws Exception {
    assertThat(gantry("project", "create", "P", "--id", "p1").exit()).isZero();
    assertThat(gantry("task", "create", "--project", "p1", "--id", "t1", "Sweep").exit()).isZero();

    Run run =
        gantry(
            "task",
            "convert",
            "t1",
            "--template",
            "fan-out-fan-in",
            "--param",
            "items=[x y, '$(z)', 3]",
            "--param",
            "reduce_script=sort -r");
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("stored for task t1 from template:fan-out-fan-in@1.0.0")
        .contains("- x y\n", "- $(z)\n", "- \"3\"");

    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    Run data =
        gantry(
            "-o",
            "json",
            "task",
            "convert",
            "t1",
            "--template",
            "data-processing",
            "--param",
            "sample_rows=5",
            "--param-file",
            "input_data=" + csv);
    assertThat(data.exit()).isZero();
    Map<?, ?> info = Json.JSON.readValue(data.out(), Map.class);
    assertThat(map(info.get("parameters")))
        .containsEntry("sample_rows", 5)
        .containsEntry("input_data", "a,b\n1,2\n");

    Run bad = gantry("task", "convert", "t1", "--template", "data-processing", "--param", "x=1");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown parameter 'x'");
  }
}
