package dev.gantry.pipeline.template;

import dev.gantry.internal.Maps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pipeline template, normalised from any of the three accepted file formats ({@code format} is
 * {@code gantry}, {@code seed} or {@code metadata}).
 *
 * @param steps the steps in the custom-pipeline shape (see docs/pipelines.md), with {@code
 *     ${param}} and {@code ${task.*}} placeholders not yet substituted
 * @param source the file it was loaded from ({@code null} when built in code)
 */
public record PipelineTemplate(
    String id,
    String name,
    String description,
    String category,
    String version,
    List<String> tags,
    List<TemplateParameter> parameters,
    List<Map<String, Object>> steps,
    Map<String, TemplateOutput> outputs,
    Path source,
    String format) {
  public PipelineTemplate {
    description = description == null ? "" : description;
    category = category == null ? "general" : category;
    version = version == null ? "1.0.0" : version;
    tags = Maps.list(tags);
    parameters = Maps.list(parameters);
    steps = Maps.list(steps);
    outputs = Maps.copy(outputs);
  }
}
