package dev.gantry.config;

import java.util.Map;

/**
 * The {@code logging} section: the root level and levels per logger name, e.g. {@code
 * dev.gantry.workflow: debug}.
 */
public record LoggingConfig(String level, Map<String, String> loggers) {
  public static final LoggingConfig DEFAULT = new LoggingConfig("info", Map.of());

  public LoggingConfig {
    level = level == null ? "info" : level;
    loggers = loggers == null ? Map.of() : Map.copyOf(loggers);
  }
}
