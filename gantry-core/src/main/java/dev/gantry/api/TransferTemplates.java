package dev.gantry.api;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.NotFoundException;
import dev.gantry.pipeline.template.ConvertedPipeline;
import dev.gantry.pipeline.template.PipelineTemplate;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.pipeline.template.TemplateConverter;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the tasks of a project document that take their pipeline from a template ({@code
 * template: {id, parameters}}), before anything is written: every problem is collected with its
 * path in the document.
 */
final class TransferTemplates {
  private final TemplateCatalog catalog;
  private final String defaultImage;
  private final TemplateConverter converter = new TemplateConverter();

  /**
   * @param catalog the templates; {@code null} when the import has none (a template reference is
   *     then an error)
   */
  TransferTemplates(TemplateCatalog catalog, String defaultImage) {
    this.catalog = catalog;
    this.defaultImage = defaultImage;
  }

  /** The converted pipelines by task id; problems are added to {@code problems}. */
  Map<TaskId, ConvertedPipeline> convert(
      ProjectId project, List<TransferReader.TaskPlan> tasks, Instant now, List<Problem> problems) {
    Map<TaskId, ConvertedPipeline> out = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      TransferReader.TaskPlan plan = tasks.get(i);
      if (plan.template() == null) {
        continue;
      }
      String path = "tasks[" + i + "].template";
      ConvertedPipeline converted = convert(project, plan, now, path, problems);
      if (converted != null) {
        out.put(plan.id(), converted);
      }
    }
    return out;
  }

  private ConvertedPipeline convert(
      ProjectId project,
      TransferReader.TaskPlan plan,
      Instant now,
      String path,
      List<Problem> problems) {
    if (catalog == null) {
      problems.add(
          new Problem(
              path,
              "this import has no pipeline templates; write the task's 'pipeline' out instead"));
      return null;
    }
    PipelineTemplate template;
    try {
      template = catalog.get(plan.template().id());
    } catch (NotFoundException e) {
      List<String> ids = catalog.list(null).stream().map(PipelineTemplate::id).toList();
      problems.add(
          new Problem(
              path + ".id",
              "unknown template '"
                  + plan.template().id()
                  + "' in "
                  + catalog.directory()
                  + " (templates: "
                  + (ids.isEmpty() ? "none" : String.join(", ", ids))
                  + ")"));
      return null;
    }
    try {
      return converter.convert(
          template, task(project, plan, now), plan.template().parameters(), defaultImage);
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) {
        String at = p.path() == null || p.path().isEmpty() ? path : path + "." + p.path();
        problems.add(new Problem(at, p.message()));
      }
      return null;
    }
  }

  /** The task as it will be stored, for the template's {@code ${task.*}} placeholders. */
  private static Task task(ProjectId project, TransferReader.TaskPlan t, Instant now) {
    return new Task(
        t.id(),
        project,
        t.phase(),
        t.parent(),
        t.name(),
        t.description(),
        t.status(),
        t.priority(),
        t.metadata(),
        t.progress(),
        null,
        null,
        t.assigneeId(),
        t.assigneeType(),
        t.dependsOn(),
        now,
        now,
        0);
  }
}
