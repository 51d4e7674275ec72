package dev.gantry.api;

import dev.gantry.pipeline.PipelineSpec;
import java.util.Map;

/** A pipeline stored for a task by {@code createCustomPipeline} or a template conversion. */
public record PipelineInfo(
    String pipelineId,
    String taskId,
    PipelineSpec pipeline,
    String source,
    Map<String, Object> parameters) {}
