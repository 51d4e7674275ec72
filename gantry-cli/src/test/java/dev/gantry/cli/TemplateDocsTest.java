package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.ProjectTransfer;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.pipeline.template.TemplateParameter;
import dev.gantry.pipeline.template.TemplateReader;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples of {@code docs/templates.md}: every {@code ```yaml} block is a template that
 * the reader loads or a project document that imports with the built-in templates; every built-in
 * template and parameter is documented; the documented results are what the templates compute.
 */
class TemplateDocsTest {
  static final Path DOC = Path.of("..", "docs", "templates.md");
  static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);

  record Block(String language, String text) {}

  private final TemplateCatalog builtIns = TemplateCatalog.load(BuiltinTemplatesTest.TEMPLATES);

  static List<Block> blocks() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2)));
    }
    return blocks;
  }

  @Test
  void everyYamlExampleLoads() throws Exception {
    int templates = 0;
    int projects = 0;
    for (Block b : blocks()) {
      if (!b.language().equals("yaml")) {
        continue;
      }
      Map<?, ?> tree = (Map<?, ?>) Json.YAML.readValue(b.text(), Object.class);
      if (tree.containsKey("project")) {
        importsWithTemplates(b.text());
        projects++;
      } else {
        PipelineTemplate t = TemplateReader.read(tree, null);
        assertThat(t.steps()).as(b.text()).isNotEmpty();
        templates++;
      }
    }
    assertThat(templates)
        .as("template examples (gantry, seed, metadata)")
        .isGreaterThanOrEqualTo(3);
    assertThat(projects).as("project document examples").isPositive();
  }

  private void importsWithTemplates(String yaml) {
    try (InMemoryStore store = new InMemoryStore()) {
      ProjectTransfer transfer =
          new ProjectTransfer(store, "busybox:latest", builtIns, Clock.systemUTC());
      Project project = transfer.importYaml(yaml, false);
      List<Task> tasks = store.listTasks(TaskFilter.project(project.id()));
      assertThat(tasks).isNotEmpty();
      for (Task t : tasks) {
        List<PipelineRecord> pipelines = store.listPipelines(t.id());
        assertThat(pipelines).as(t.name()).hasSize(1);
        assertThat(pipelines.get(0).source()).startsWith("template:");
        assertThat(t.metadata()).containsKeys("pipeline_template_id", "pipeline_parameters_final");
      }
    }
  }

  @Test
  void everyBuiltInTemplateAndParameterIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    for (PipelineTemplate t : builtIns.list(null)) {
      String heading = "### `" + t.id() + "`";
      assertThat(doc).contains(heading);
      int start = doc.indexOf(heading);
      int end = doc.indexOf("\n### ", start + 1);
      String section = doc.substring(start, end < 0 ? doc.length() : end);
      for (TemplateParameter p : t.parameters()) {
        if (!p.name().equals("image")) {
          assertThat(section).as(t.id() + " documents " + p.name()).contains("`" + p.name() + "`");
        }
      }
    }
  }

  @Test
  void theDocumentedAggregateIsWhatTheTemplateComputes() throws Exception {
    List<Block> blocks = blocks();
    Block result =
        blocks.stream()
            .filter(b -> b.language().equals("text") && b.text().startsWith("region,count"))
            .findFirst()
            .orElseThrow();
    assertThat(result.text().lines())
        .containsExactlyElementsOf(SampleData.aggregateUnitsByRegion(SampleData.rows(8)));
  }

  @Test
  void theInjectionCorpusIsAsLargeAsTheDocsSay() throws Exception {
    assertThat(Files.readString(DOC)).contains("runs over 80 hostile values");
    assertThat(InjectionCorpus.VALUES).hasSizeGreaterThan(80).doesNotHaveDuplicates();
  }
}
