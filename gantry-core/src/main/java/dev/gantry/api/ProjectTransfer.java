package dev.gantry.api;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.api.internal.Redaction;
import dev.gantry.internal.Json;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.template.ConvertedPipeline;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.store.Store;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a project (phases, tasks and their latest pipelines) as YAML and imports such a document.
 * A task may take its pipeline from a template ({@code template: {id, parameters}}), converted at
 * import time. See {@code docs/project-format.md} and {@code docs/templates.md}.
 */
public final class ProjectTransfer {
  /** Task metadata keys of a pipeline made from a template (as {@code convertTaskToPipeline}). */
  static final String TEMPLATE_ID = "pipeline_template_id";

  static final String TEMPLATE_VERSION = "pipeline_template_version";
  static final String TEMPLATE_PARAMETERS = "pipeline_parameters_final";

  private final Store store;
  private final PipelineParser parser;
  private final TransferTemplates templates;
  private final Clock clock;

  /** A transfer without templates: a task with {@code template} is an error. */
  public ProjectTransfer(Store store, PipelineParser parser, Clock clock) {
    this(store, parser, null, null, clock);
  }

  /**
   * A transfer whose documents may use the templates of {@code templates}.
   *
   * @param defaultImage the image of template steps that name none
   */
  public ProjectTransfer(Store store, String defaultImage, TemplateCatalog templates, Clock clock) {
    this(store, new PipelineParser(defaultImage), templates, defaultImage, clock);
  }

  private ProjectTransfer(
      Store store,
      PipelineParser parser,
      TemplateCatalog templates,
      String defaultImage,
      Clock clock) {
    this.store = store;
    this.parser = parser;
    this.templates = new TransferTemplates(templates, defaultImage);
    this.clock = clock;
  }

  /** The project as a YAML document that {@link #importYaml} reads back. */
  public String exportYaml(ProjectId id) {
    Project project =
        store
            .findProject(id)
            .orElseThrow(() -> new dev.gantry.NotFoundException("project", id.value()));
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", project.id().value());
    p.put("name", project.name());
    p.put("description", project.description());
    p.put("metadata", project.metadata());
    doc.put("project", p);
    List<Map<String, Object>> phases = new ArrayList<>();
    for (Phase phase : store.listPhases(id)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", phase.id().value());
      m.put("name", phase.name());
      m.put("description", phase.description());
      m.put("order", phase.order());
      m.put("metadata", phase.metadata());
      phases.add(m);
    }
    doc.put("phases", phases);
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (Task t : store.listTasks(TaskFilter.project(id))) {
      tasks.add(exportTask(t));
    }
    doc.put("tasks", tasks);
    try {
      return Json.YAML.writeValueAsString(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> exportTask(Task t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id().value());
    m.put("name", t.name());
    m.put("description", t.description());
    if (t.phaseId() != null) {
      m.put("phase", t.phaseId().value());
    }
    if (t.parentId() != null) {
      m.put("parent", t.parentId().value());
    }
    m.put("status", t.status().wireName());
    m.put("priority", t.priority().wireName());
    m.put("progress", t.progress());
    if (t.assigneeId() != null) {
      m.put("assignee_id", t.assigneeId());
      m.put("assignee_type", t.assigneeType());
    }
    if (!t.dependsOn().isEmpty()) {
      m.put("depends_on", t.dependsOn().stream().map(TaskId::value).toList());
    }
    Map<String, Object> meta = new LinkedHashMap<>(t.metadata());
    meta.remove("pipeline_id");
    m.put("metadata", meta);
    List<PipelineRecord> pipelines = store.listPipelines(t.id());
    if (!pipelines.isEmpty()) {
      m.put("pipeline", PipelineParser.toMap(pipelines.get(pipelines.size() - 1).spec()));
    }
    return m;
  }

  /** Imports a project document from a file. */
  public Project importFile(Path file, boolean replace) {
    try {
      return importYaml(Files.readString(file), replace);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  /**
   * Imports a project document. Everything is checked before anything is written (including that no
   * phase or task id is used by another project). With {@code replace}, an existing project of the
   * same id is deleted first; without it that is an error.
   */
  public Project importYaml(String yaml, boolean replace) {
    Map<String, Object> doc = TransferReader.readDocument(yaml);
    TransferReader reader = new TransferReader(doc, parser);
    TransferReader.Plan plan = reader.plan();
    Instant now = clock.instant();
    List<Problem> problems = new ArrayList<>(reader.problems());
    problems.addAll(idsTakenElsewhere(plan));
    Map<TaskId, ConvertedPipeline> converted =
        templates.convert(plan.projectId(), plan.tasks(), now, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid project document", problems);
    }
    if (store.findProject(plan.projectId()).isPresent()) {
      if (!replace) {
        throw new InvalidInputException(
            "project.id",
            "project '"
                + plan.projectId()
                + "' already exists; import with replace to overwrite it");
      }
      store.deleteProject(plan.projectId());
    }
    try {
      return write(plan, converted, now);
    } catch (RuntimeException e) {
      // Do not leave half a project behind (e.g. the store failed midway).
      try {
        store.deleteProject(plan.projectId());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Phase and task ids of the document that another project already uses. */
  private List<Problem> idsTakenElsewhere(TransferReader.Plan plan) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < plan.phases().size(); i++) {
      PhaseId id = plan.phases().get(i).id();
      int index = i;
      store
          .findPhase(id)
          .filter(p -> !p.projectId().equals(plan.projectId()))
          .ifPresent(
              p ->
                  problems.add(
                      new Problem(
                          "phases[" + index + "].id",
                          "phase '" + id + "' belongs to project '" + p.projectId() + "'")));
    }
    for (int i = 0; i < plan.tasks().size(); i++) {
      TaskId id = plan.tasks().get(i).id();
      int index = i;
      store
          .findTask(id)
          .filter(t -> !t.projectId().equals(plan.projectId()))
          .ifPresent(
              t ->
                  problems.add(
                      new Problem(
                          "tasks[" + index + "].id",
                          "task '" + id + "' belongs to project '" + t.projectId() + "'")));
    }
    return problems;
  }

  private Project write(
      TransferReader.Plan plan, Map<TaskId, ConvertedPipeline> converted, Instant now) {
    Project project =
        store.insertProject(
            new Project(
                plan.projectId(),
                plan.projectName(),
                plan.projectDescription(),
                plan.projectMetadata(),
                now,
                now,
                0));
    for (TransferReader.PhasePlan ph : plan.phases()) {
      store.insertPhase(
          new Phase(
              ph.id(),
              project.id(),
              ph.name(),
              ph.description(),
              ph.order(),
              ph.metadata(),
              now,
              now,
              0));
    }
    List<TransferReader.TaskPlan> taskPlans = plan.tasks();
    for (int i = 0; i < taskPlans.size(); i++) {
      TransferReader.TaskPlan t = taskPlans.get(i);
      // Tasks are listed by creation time: keep the document's order.
      Instant created = now.plusNanos(1000L * i);
      Map<String, Object> metadata = new LinkedHashMap<>(t.metadata());
      ConvertedPipeline fromTemplate = converted.get(t.id());
      PipelineSpec spec = fromTemplate != null ? fromTemplate.spec() : t.pipeline();
      PipelineId pipelineId = spec == null ? null : PipelineId.random();
      if (pipelineId != null) {
        metadata.put("pipeline_id", pipelineId.value());
      }
      if (fromTemplate != null) {
        // The same keys as convertTaskToPipeline.
        metadata.put(
            "pipeline_source",
            "template:" + fromTemplate.templateId() + "@" + fromTemplate.templateVersion());
        metadata.put(TEMPLATE_ID, fromTemplate.templateId());
        metadata.put(TEMPLATE_VERSION, fromTemplate.templateVersion());
        metadata.put(TEMPLATE_PARAMETERS, Redaction.params(fromTemplate.parameters()));
      }
      store.insertTask(
          new Task(
              t.id(),
              project.id(),
              t.phase(),
              t.parent(),
              t.name(),
              t.description(),
              t.status(),
              t.priority(),
              metadata,
              t.progress(),
              null,
              null,
              t.assigneeId(),
              t.assigneeType(),
              t.dependsOn(),
              created,
              created,
              0));
      if (pipelineId != null) {
        store.insertPipeline(
            new PipelineRecord(
                pipelineId, t.id(), spec, source(metadata), parameters(metadata), now));
      }
    }
    return project;
  }

  /**
   * {@code template:<id>@<version>} for a pipeline made from a template (also one exported with its
   * template reference and imported back), else {@code import}.
   */
  private static String source(Map<String, Object> metadata) {
    Object id = metadata.get(TEMPLATE_ID);
    Object version = metadata.get(TEMPLATE_VERSION);
    return id instanceof String && version instanceof String
        ? "template:" + id + "@" + version
        : "import";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parameters(Map<String, Object> metadata) {
    return metadata.get(TEMPLATE_ID) != null
            && metadata.get(TEMPLATE_PARAMETERS) instanceof Map<?, ?> m
        ? (Map<String, Object>) m
        : Map.of();
  }
}
