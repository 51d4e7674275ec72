package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.pipeline.Command;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project documents whose tasks take their pipeline from a template ({@code template:}). */
class ProjectTransferTemplatesTest {
  static final String TEMPLATE =
      """
      id: greet
      name: Greet
      version: 2.0.0
      parameters:
        who: {type: string, required: true}
        times: {type: integer, default: 1}
      steps:
        - name: hello
          command: ["echo", "hello ${who}", "${times}", "${task.name}", "true", "null", "1.5"]
      """;

  static final String DOCUMENT =
      """
      project: {id: p, name: P}
      tasks:
        - id: t1
          name: First
          template:
            id: greet
            parameters: {who: "world; rm -rf /", times: 3}
        - id: t2
          name: Second
          metadata: {pipeline_parameters: {who: metadata}}
          template: greet
        - id: t3
          name: Third
          pipeline:
            steps: [{name: s, command: "echo plain"}]
      """;

  @TempDir Path dir;
  final InMemoryStore store = new InMemoryStore();
  ProjectTransfer transfer;

  @BeforeEach
  void catalogue() throws Exception {
    Files.writeString(dir.resolve("greet.yaml"), TEMPLATE);
    transfer =
        new ProjectTransfer(store, "busybox:latest", TemplateCatalog.load(dir), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aTemplateTaskGetsTheConvertedPipelineAndItsReference() {
    Project p = transfer.importYaml(DOCUMENT, false);

    PipelineRecord first = pipeline("t1");
    assertThat(first.source()).isEqualTo("template:greet@2.0.0");
    assertThat(first.parameters())
        .containsEntry("who", "world; rm -rf /")
        .containsEntry("times", 3);
    assertThat(first.spec().steps().get(0).command())
        .isEqualTo(
            new Command.Argv(
                List.of("echo", "hello world; rm -rf /", "3", "First", "true", "null", "1.5")));
    Task t1 = store.findTask(TaskId.of("t1")).orElseThrow();
    assertThat(t1.metadata())
        .containsEntry("pipeline_id", first.id().value())
        .containsEntry("pipeline_template_id", "greet")
        .containsEntry("pipeline_template_version", "2.0.0")
        .containsEntry("pipeline_parameters_final", Map.of("who", "world; rm -rf /", "times", 3));

    assertThat(pipeline("t2").spec().steps().get(0).command().argv())
        .containsExactly("echo", "hello metadata", "1", "Second", "true", "null", "1.5");
    assertThat(pipeline("t3").source()).isEqualTo("import");
    assertThat(store.listTasks(TaskFilter.project(p.id()))).hasSize(3);
  }

  @Test
  void theExportHasTheResolvedPipelineAndImportsBackWithoutTemplates() {
    Project p = transfer.importYaml(DOCUMENT, false);
    String exported = transfer.exportYaml(p.id());
    assertThat(exported).doesNotContain("template:\n").contains("pipeline_template_id: greet");

    ProjectTransfer plain =
        new ProjectTransfer(store, new PipelineParser("busybox:latest"), Clock.systemUTC());
    plain.importYaml(exported, true);

    PipelineRecord again = pipeline("t1");
    assertThat(again.source()).isEqualTo("template:greet@2.0.0");
    assertThat(again.spec().steps().get(0).command().argv())
        .containsExactly("echo", "hello world; rm -rf /", "3", "First", "true", "null", "1.5");
    assertThat(plain.exportYaml(p.id())).isEqualTo(exported);
  }

  @Test
  void everyTemplateProblemIsReportedWithItsPathAndNothingIsWritten() {
    String yaml =
        """
        project: {id: bad, name: Bad}
        tasks:
          - name: A
            template: {id: greeet}
          - name: B
            template: {id: greet, parameters: {who: x, times: many, colour: red}}
          - name: C
            template: {id: greet, params: {}}
            pipeline: {steps: [{name: s, command: "true"}]}
          - name: D
            template: {parameters: {}}
        """;
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> transfer.importYaml(yaml, false));

    assertThat(e.problems())
        .extracting(InvalidInputException.Problem::path)
        .contains(
            "tasks[0].template.id",
            "tasks[1].template.parameters.times",
            "tasks[1].template.parameters",
            "tasks[2].template",
            "tasks[2].template.params",
            "tasks[3].template.id");
    assertThat(e.getMessage())
        .contains("unknown template 'greeet'", "(templates: greet)")
        .contains("expected an integer, got 'many'")
        .contains("unknown parameter 'colour'")
        .contains("either a 'pipeline' or a 'template'");
    assertThat(store.listProjects()).isEmpty();
  }

  @Test
  void withoutACatalogueATemplateTaskIsAnError() {
    ProjectTransfer plain =
        new ProjectTransfer(store, new PipelineParser("busybox:latest"), Clock.systemUTC());
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> plain.importYaml(DOCUMENT, false));
    assertThat(e.problems())
        .extracting(InvalidInputException.Problem::path)
        .containsExactly("tasks[0].template", "tasks[1].template");
    assertThat(store.listProjects()).isEmpty();
  }

  private PipelineRecord pipeline(String task) {
    List<PipelineRecord> all = store.listPipelines(TaskId.of(task));
    assertThat(all).hasSize(1);
    return all.get(0);
  }
}
