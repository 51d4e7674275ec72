package dev.gantry.pipeline.template;

import dev.gantry.internal.Maps;
import java.util.List;

/**
 * A typed template parameter.
 *
 * @param defaultValue the default, or {@code null} when there is none
 * @param allowed the allowed values of an {@code enum} parameter (empty for other types)
 */
public record TemplateParameter(
    String name,
    ParameterType type,
    boolean required,
    Object defaultValue,
    String description,
    List<Object> allowed) {
  public TemplateParameter {
    description = description == null ? "" : description;
    allowed = Maps.list(allowed);
  }
}
