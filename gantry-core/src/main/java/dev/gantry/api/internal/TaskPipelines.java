package dev.gantry.api.internal;

import dev.gantry.api.PipelineInfo;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.template.ConvertedPipeline;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.pipeline.template.TemplateConverter;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores the pipelines of tasks: custom definitions ({@code createCustomPipeline}) and template
 * conversions ({@code convertTaskToPipeline}). The newest pipeline of a task is the one its {@code
 * containerized_workflow} runs.
 */
public final class TaskPipelines {
  private final Store store;
  private final TaskService tasks;
  private final PipelineParser parser;
  private final TemplateCatalog catalog;
  private final TemplateConverter converter = new TemplateConverter();
  private final String defaultImage;
  private final Clock clock;

  public TaskPipelines(
      Store store,
      TaskService tasks,
      PipelineParser parser,
      TemplateCatalog catalog,
      String defaultImage,
      Clock clock) {
    this.store = store;
    this.tasks = tasks;
    this.parser = parser;
    this.catalog = catalog;
    this.defaultImage = defaultImage;
    this.clock = clock;
  }

  public TemplateCatalog catalog() {
    return catalog;
  }

  /** Parses a custom definition and stores it as the task's pipeline. */
  public PipelineInfo createCustom(String taskId, Object definition) {
    Task task = tasks.getTask(TaskId.of(taskId));
    PipelineSpec spec = parser.parse(definition);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("pipeline_source", "custom");
    return store(task, spec, "custom", Map.of(), meta);
  }

  /**
   * Converts the task with a template of the catalogue and stores the result as the task's
   * pipeline. The record's source is {@code template:<id>@<version>}; the task's metadata gets
   * {@code pipeline_template_id}, {@code pipeline_template_version} and {@code
   * pipeline_parameters_final}. Nothing is stored when the conversion fails.
   */
  public PipelineInfo convert(String taskId, String templateId, Map<String, Object> parameters) {
    Task task = tasks.getTask(TaskId.of(taskId));
    PipelineTemplate template = catalog.get(templateId);
    ConvertedPipeline converted = converter.convert(template, task, parameters, defaultImage);
    String source = "template:" + converted.templateId() + "@" + converted.templateVersion();
    Map<String, Object> finalParameters = Redaction.params(converted.parameters());
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("pipeline_source", source);
    meta.put("pipeline_template_id", converted.templateId());
    meta.put("pipeline_template_version", converted.templateVersion());
    meta.put("pipeline_parameters_final", finalParameters);
    return store(task, converted.spec(), source, finalParameters, meta);
  }

  private PipelineInfo store(
      Task task,
      PipelineSpec spec,
      String source,
      Map<String, Object> parameters,
      Map<String, Object> meta) {
    PipelineRecord record =
        store.insertPipeline(
            new PipelineRecord(
                PipelineId.random(), task.id(), spec, source, parameters, clock.instant()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("pipeline_id", record.id().value());
    metadata.putAll(meta);
    tasks.updateTask(task.id(), TaskPatch.builder().metadata(metadata).build());
    return new PipelineInfo(
        record.id().value(), task.id().value(), spec, record.source(), record.parameters());
  }
}
