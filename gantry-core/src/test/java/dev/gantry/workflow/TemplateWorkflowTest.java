package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.PipelineInfo;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convertTaskToPipeline and the template methods of the Java API, with a scripted runtime. */
class TemplateWorkflowTest {
  static final String GREET =
      """
      id: greet
      name: Greet
      category: demo
      version: 1.1.0
      parameters:
        greeting: {type: string, default: hello}
        files: {type: array, default: [a]}
        api_token: {type: string, default: none}
      steps:
        - name: say
          command: [ok, "${greeting}", "${task.name}", "${files}"]
        - name: last
          command: [env, GREETING]
          env: {GREETING: "${greeting}"}
          depends_on: [say]
      """;

  @TempDir Path dataDir;
  @TempDir Path templates;
  private ScriptedRunner runner;
  private InMemoryStore store;
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void setUp() throws IOException {
    Files.writeString(templates.resolve("greet.yaml"), GREET);
    Files.createDirectories(templates.resolve("more"));
    Files.writeString(
        templates.resolve("more/other.json"),
        "{\"template_id\": \"other\", \"name\": \"Other\", \"category\": \"build\","
            + " \"template_content\": [{\"name\": \"a\", \"command\": [\"ok\"]}]}");
    Files.writeString(templates.resolve("broken.yaml"), "id: broken\nname: B\n");
    runner = new ScriptedRunner();
    store = new InMemoryStore();
    GantryConfig config =
        GantryConfig.defaults()
            .withDataDirectory(dataDir)
            .withStore(new StoreConfig("memory", null, null, null))
            .withTemplatesDir(templates);
    gantry = TaskWorkflowIntegration.builder(config).store(store).runner(runner).build();
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  @AfterEach
  void tearDown() {
    gantry.close();
  }

  private Task task(Map<String, Object> metadata) {
    return gantry
        .tasks()
        .createTask(TaskDraft.builder(project.id(), "Build app").metadata(metadata).build());
  }

  @Test
  void convertedPipelineIsStoredRecordedAndRun() {
    Task task = task(Map.of("pipeline_parameters", Map.of("greeting", "hi there")));
    String id = task.id().value();

    PipelineInfo info =
        gantry.convertTaskToPipeline(id, "greet", Map.of("files", List.of("x", "y")));

    assertThat(info.source()).isEqualTo("template:greet@1.1.0");
    assertThat(info.taskId()).isEqualTo(id);
    Map<String, Object> finalParameters =
        Map.of("greeting", "hi there", "files", List.of("x", "y"), "api_token", "***");
    assertThat(info.parameters()).containsExactlyInAnyOrderEntriesOf(finalParameters);
    PipelineRecord record = store.listPipelines(task.id()).get(0);
    assertThat(record.id().value()).isEqualTo(info.pipelineId());
    assertThat(record.source()).isEqualTo("template:greet@1.1.0");
    assertThat(record.parameters()).isEqualTo(info.parameters());
    assertThat(gantry.tasks().getTask(task.id()).metadata())
        .contains(
            entry("pipeline_id", info.pipelineId()),
            entry("pipeline_source", "template:greet@1.1.0"),
            entry("pipeline_template_id", "greet"),
            entry("pipeline_template_version", "1.1.0"))
        .containsKey("pipeline_parameters_final");
    assertThat(
            (Map<?, ?>)
                gantry.tasks().getTask(task.id()).metadata().get("pipeline_parameters_final"))
        .isEqualTo(finalParameters);

    WorkflowRunResult result = gantry.executeTaskWorkflow(id, null, Map.of(), false);

    assertThat(result.success()).isTrue();
    assertThat(runner.requests).extracting(r -> r.stepName()).containsExactly("say", "last");
    assertThat(runner.requests.get(0).argv())
        .containsExactly("ok", "hi there", "Build app", "x", "y");
    assertThat(runner.requests.get(1).env())
        .containsOnly(entry("GREETING", "hi there"), entry("GANTRY_ATTEMPT", "1"));
    assertThat(result.result()).containsEntry("output", "hi there");
    assertThat(gantry.getWorkflowStatus(id).workflowStatus()).isEqualTo("completed");
  }

  @Test
  void aFailedConversionStoresNothing() {
    Task task = task(Map.of());
    String id = task.id().value();
    assertThatThrownBy(() -> gantry.convertTaskToPipeline(id, "greet", Map.of("files", "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "invalid parameters for template 'greet': parameters.files: expected an array, got"
                + " 'x' (a string)");
    assertThatThrownBy(() -> gantry.convertTaskToPipeline(id, "nope", Map.of()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("pipeline template 'nope' not found");
    assertThatThrownBy(() -> gantry.convertTaskToPipeline("task-missing", "greet", Map.of()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("task 'task-missing' not found");
    assertThat(store.listPipelines(task.id())).isEmpty();
    assertThat(gantry.tasks().getTask(TaskId.of(id)).metadata()).doesNotContainKey("pipeline_id");
  }

  @Test
  void templatesAreListedByCategoryAndReloaded() throws IOException {
    assertThat(gantry.listPipelineTemplates(null))
        .extracting(PipelineTemplate::id)
        .containsExactly("greet", "other");
    assertThat(gantry.listPipelineTemplates("build"))
        .extracting(PipelineTemplate::id)
        .containsExactly("other");
    assertThat(gantry.getPipelineTemplateCategories()).containsExactly("build", "demo");
    assertThat(gantry.getPipelineTemplate("greet").version()).isEqualTo("1.1.0");
    assertThat(gantry.templateLoadProblems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(templates.resolve("broken.yaml"));
              assertThat(p.reason()).isEqualTo("steps: is required: a list of steps");
            });

    Files.writeString(
        templates.resolve("broken.yaml"),
        "id: broken\nname: B\ncategory: test\nsteps: [{name: a, command: [ok]}]\n");
    gantry.reloadTemplates();

    assertThat(gantry.templateLoadProblems()).isEmpty();
    assertThat(gantry.getPipelineTemplateCategories()).containsExactly("build", "demo", "test");
    assertThat(gantry.getPipelineTemplate("broken").category()).isEqualTo("test");
  }
}
