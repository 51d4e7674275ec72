package dev.gantry.pipeline.template;

import dev.gantry.internal.Maps;
import dev.gantry.pipeline.PipelineSpec;
import java.util.Map;

/** A task converted to a pipeline with a template: the spec and how it was made. */
public record ConvertedPipeline(
    PipelineSpec spec, String templateId, String templateVersion, Map<String, Object> parameters) {
  public ConvertedPipeline {
    parameters = Maps.copy(parameters);
  }
}
