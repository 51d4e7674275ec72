package dev.gantry.pipeline.template;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Converts a task to a pipeline with a template (the seed's {@code convert_task_to_pipeline}).
 *
 * <ol>
 *   <li>Parameters: the template's defaults, then the task's {@code metadata.pipeline_parameters},
 *       then the explicit parameters; each value checked against its type, unknown and missing
 *       required parameters are errors.
 *   <li>Placeholders ({@code ${param}}, {@code ${task.id}}, {@code ${task.name}}, {@code
 *       ${task.description}}, {@code ${task.metadata.KEY}}) are substituted as described in {@link
 *       StepSubstitution}: never into shell text.
 *   <li>The steps are parsed as a custom pipeline by {@link PipelineParser}.
 * </ol>
 */
public final class TemplateConverter {
  /**
   * @param explicitParameters the parameters of the call; may be {@code null}
   * @param defaultImage the image of steps that name none ({@code null}: steps must name one)
   * @throws InvalidInputException naming the parameter or the template path that is wrong
   */
  public ConvertedPipeline convert(
      PipelineTemplate template,
      Task task,
      Map<String, Object> explicitParameters,
      String defaultImage) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(task, "task");
    Map<String, Object> parameters =
        ParameterResolver.resolve(
            template, task.metadata().get(ParameterResolver.TASK_PARAMETERS), explicitParameters);
    UnaryOperator<String> paths = paths(template);
    List<Problem> problems = new ArrayList<>();
    StepSubstitution substitution = new StepSubstitution(parameters, task, paths, problems);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < template.steps().size(); i++) {
      steps.add(substitution.step(template.steps().get(i), "steps[" + i + "]"));
    }
    String subject =
        "cannot convert task '" + task.id() + "' with template '" + template.id() + "'";
    if (!problems.isEmpty()) {
      throw new InvalidInputException(subject, problems);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("name", template.id());
    definition.put("description", template.name() + " for task '" + task.name() + "'");
    definition.put("steps", steps);
    PipelineSpec spec;
    try {
      spec = new PipelineParser(defaultImage).parse(definition);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          subject + ": the parameters give an invalid pipeline",
          e.problems().stream().map(p -> new Problem(paths.apply(p.path()), p.message())).toList());
    }
    return new ConvertedPipeline(spec, template.id(), template.version(), parameters);
  }

  /** Maps a path of the normalised steps to the template file's own path. */
  private static UnaryOperator<String> paths(PipelineTemplate template) {
    return "metadata".equals(template.format())
        ? MetadataSteps::templatePath
        : UnaryOperator.identity();
  }
}
