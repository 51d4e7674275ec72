package dev.gantry.pipeline.template;

/**
 * A named output of a template: {@code value} is {@code ${steps.<step>.output}}, {@code
 * ${steps.<step>.logs}} or {@code ${steps.<step>.exit_code}}.
 */
public record TemplateOutput(String name, String description, String value) {}
