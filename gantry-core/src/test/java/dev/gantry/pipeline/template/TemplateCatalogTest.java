package dev.gantry.pipeline.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static String gantry(String id, String category) {
    return "id: "
        + id
        + "\nname: "
        + id
        + "\ncategory: "
        + category
        + "\nsteps:\n  - {name: s, command: [ok]}\n";
  }

  @Test
  void loadsAllFormatsRecursively() throws IOException {
    write("build.yaml", gantry("build", "ci"));
    write("nested/deeper/test.yml", gantry("test", "ci"));
    write("nested/seed.json", TemplateReaderTest.SEED_JSON);
    write("other/lint-code.yaml", TemplateReaderTest.METADATA_YAML);
    write("README.md", "not a template");

    TemplateCatalog catalog = TemplateCatalog.load(dir);

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.directory()).isEqualTo(dir);
    assertThat(catalog.list(null))
        .extracting(PipelineTemplate::id)
        .containsExactly("build", "lint-code", "seed-shell", "test");
    assertThat(catalog.list("ci"))
        .extracting(PipelineTemplate::id)
        .containsExactly("build", "test");
    assertThat(catalog.list("nothing")).isEmpty();
    assertThat(catalog.categories()).containsExactly("ci", "general", "quality");
    assertThat(catalog.get("seed-shell").format()).isEqualTo("seed");
    assertThat(catalog.get("test").source()).isEqualTo(dir.resolve("nested/deeper/test.yml"));
  }

  @Test
  void aFailingFileIsReportedAndTheOthersLoad() throws IOException {
    write("good.yaml", gantry("good", "ci"));
    Path bad = write("sub/bad.yaml", "id: bad\nname: Bad\nsteps: []\n");
    Path broken = write("broken.json", "{\"id\": ");

    TemplateCatalog catalog = TemplateCatalog.load(dir);

    assertThat(catalog.list(null)).extracting(PipelineTemplate::id).containsExactly("good");
    assertThat(catalog.problems()).extracting(LoadProblem::file).containsExactly(broken, bad);
    assertThat(catalog.problems().get(0).reason())
        .startsWith("JSON syntax error at line 1, column 8: Unexpected end-of-input");
    assertThat(catalog.problems().get(1))
        .isEqualTo(
            new LoadProblem(bad, "steps: expected a non-empty list of steps, got an empty list"));
    assertThat(catalog.problems().get(1).toString())
        .isEqualTo(bad + ": steps: expected a non-empty list of steps, got an empty list");
  }

  @Test
  void severalProblemsOfOneFileAreListed() throws IOException {
    Path bad = write("bad.yaml", "id: Bad\nsteps: []\n");
    LoadProblem problem = TemplateCatalog.load(dir).problems().get(0);
    assertThat(problem.file()).isEqualTo(bad);
    assertThat(problem.reason())
        .isEqualTo(
            "3 problems\n"
                + "  - id: expected 1-64 lower-case letters, digits, '.', '_' or '-' starting with"
                + " a letter or digit, got 'Bad'\n"
                + "  - name: is required\n"
                + "  - steps: expected a non-empty list of steps, got an empty list");
  }

  @Test
  void duplicateIdsNameBothFilesAndNeitherLoads() throws IOException {
    Path first = write("a/one.yaml", gantry("same", "ci"));
    Path second =
        write(
            "b/two.json",
            "{\"template_id\": \"same\", \"name\": \"S\","
                + " \"template_content\": [{\"name\": \"x\", \"command\": \"true\"}]}");
    write("c.yaml", gantry("other", "ci"));

    TemplateCatalog catalog = TemplateCatalog.load(dir);

    assertThat(catalog.list(null)).extracting(PipelineTemplate::id).containsExactly("other");
    assertThat(catalog.problems())
        .containsExactly(
            new LoadProblem(
                second,
                "duplicate template id 'same': also defined in "
                    + first
                    + "; ids must be unique, so neither file is loaded"));
    assertThat(TemplateCatalog.validate(dir)).isEqualTo(catalog.problems());
  }

  @Test
  void reloadPicksUpChanges() throws IOException {
    Path file = write("one.yaml", gantry("one", "ci"));
    TemplateCatalog catalog = TemplateCatalog.load(dir);
    assertThat(catalog.categories()).containsExactly("ci");

    Files.writeString(file, gantry("one", "deploy"));
    write("two.yaml", gantry("two", "build"));
    write("three.yaml", "id: three\n");
    catalog.reload();

    assertThat(catalog.list(null)).extracting(PipelineTemplate::id).containsExactly("one", "two");
    assertThat(catalog.get("one").category()).isEqualTo("deploy");
    assertThat(catalog.categories()).containsExactly("build", "deploy");
    assertThat(catalog.problems())
        .extracting(LoadProblem::file)
        .containsExactly(dir.resolve("three.yaml"));

    Files.delete(dir.resolve("three.yaml"));
    catalog.reload();
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void unknownIdIsNotFound() {
    TemplateCatalog catalog = TemplateCatalog.load(dir);
    assertThatThrownBy(() -> catalog.get("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("pipeline template 'nope' not found");
  }

  @Test
  void missingDirectoryIsAnEmptyCatalogueButAValidationProblem() {
    Path missing = dir.resolve("missing");
    TemplateCatalog catalog = TemplateCatalog.load(missing);
    assertThat(catalog.list(null)).isEmpty();
    assertThat(catalog.categories()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
    assertThat(TemplateCatalog.validate(missing))
        .containsExactly(new LoadProblem(missing, "the templates directory does not exist"));
  }

  @Test
  void aFileInsteadOfADirectoryIsAProblem() throws IOException {
    Path file = write("file.yaml", gantry("x", "ci"));
    assertThat(TemplateCatalog.load(file).problems())
        .containsExactly(new LoadProblem(file, "expected a directory of templates, found a file"));
    assertThat(TemplateCatalog.validate(dir)).isEmpty();
  }
}
