package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples of {@code docs/project-format.md}: every {@code ```yaml} block imports into a
 * store, every {@code ```yaml invalid} block fails with the message of the {@code ```text} block
 * after it, and the demo project it quotes imports and exports back.
 */
class ProjectFormatDocsTest {
  static final Path DOC = Path.of("..", "docs", "project-format.md");
  static final Path DEMO = Path.of("..", "examples", "demo-project.yaml");
  static final Pattern BLOCK =
      Pattern.compile("(?m)^```(\\w*)( invalid)?\\n(.*?)^```$", Pattern.DOTALL);

  record Block(String language, boolean invalid, String text) {}

  private final InMemoryStore store = new InMemoryStore();
  private final ProjectTransfer transfer =
      new ProjectTransfer(
          store,
          "busybox:latest",
          TemplateCatalog.load(Path.of("..", "templates", "pipelines")),
          Clock.systemUTC());

  @AfterEach
  void close() {
    store.close();
  }

  static List<Block> blocks() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2) != null, m.group(3)));
    }
    return blocks;
  }

  @Test
  void everyYamlExampleImports() throws Exception {
    List<Block> examples =
        blocks().stream().filter(b -> b.language().equals("yaml") && !b.invalid()).toList();

    assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
    for (Block example : examples) {
      Project project = transfer.importYaml(example.text(), false);
      List<Task> tasks = store.listTasks(TaskFilter.project(project.id()));
      assertThat(tasks).as(example.text()).isNotEmpty();
      assertThat(tasks.stream().filter(t -> !store.listPipelines(t.id()).isEmpty()))
          .as("tasks with a pipeline")
          .isNotEmpty();
      assertThat(tasks).allMatch(t -> t.phaseId() != null);
    }
  }

  @Test
  void theExcerptIsPartOfTheDemoProject() throws Exception {
    String demo = Files.readString(DEMO);
    Block excerpt =
        blocks().stream().filter(b -> b.text().contains("id: demo\n")).findFirst().orElseThrow();

    for (String part : excerpt.text().split("\n\n")) {
      assertThat(demo).contains(part.strip());
    }
  }

  @Test
  void invalidExampleFailsWithTheDocumentedMessage() throws Exception {
    List<Block> blocks = blocks();
    int checked = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).invalid()) {
        String yaml = blocks.get(i).text();
        InvalidInputException e =
            catchThrowableOfType(
                InvalidInputException.class, () -> transfer.importYaml(yaml, false));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.getMessage()).isEqualTo(blocks.get(i + 1).text().strip());
        checked++;
      }
    }
    assertThat(checked).isPositive();
    assertThat(store.listProjects()).isEmpty();
  }

  @Test
  void demoProjectImportsAndItsExportImportsBack() throws Exception {
    Project demo = transfer.importFile(DEMO, false);
    String exported = transfer.exportYaml(demo.id());

    Project again = transfer.importYaml(exported, true);

    assertThat(again.id()).isEqualTo(demo.id());
    assertThat(store.listTasks(TaskFilter.project(demo.id()))).hasSize(10);
    assertThat(transfer.exportYaml(demo.id())).isEqualTo(exported);
  }
}
