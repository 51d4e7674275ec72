package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Turns the global options into a configuration and an open {@link TaskWorkflowIntegration}. */
final class CliContext {
  private final GantryCommand root;

  CliContext(GantryCommand root) {
    this.root = root;
  }

  Output output() {
    return new Output(root.output, System.out);
  }

  GantryConfig config() {
    Path file = root.config;
    if (file == null && System.getenv("GANTRY_CONFIG") != null) {
      file = Path.of(System.getenv("GANTRY_CONFIG"));
    }
    GantryConfig config = file != null ? new ConfigLoader().load(file) : defaultsWithTemplates();
    if (root.dataDir != null) {
      config = config.withDataDirectory(root.dataDir);
    }
    if (root.store != null) {
      StoreConfig s = config.store();
      config = config.withStore(new StoreConfig(root.store, s.url(), s.username(), s.password()));
    }
    LogLevels.apply(config.logging(), root.logLevel);
    return config;
  }

  /**
   * The defaults, with the distribution's built-in templates ({@code
   * <gantry.home>/templates/pipelines}) as the templates directory when there is no config file.
   */
  private static GantryConfig defaultsWithTemplates() {
    GantryConfig config = GantryConfig.defaults();
    Path builtIn = builtInTemplates();
    if (builtIn != null) {
      config = config.withTemplatesDir(builtIn);
    }
    return config;
  }

  /** The distribution's {@code templates/pipelines} directory, or {@code null}. */
  static Path builtInTemplates() {
    String home = System.getProperty("gantry.home");
    if (home == null) {
      return null;
    }
    Path dir = Path.of(home, "templates", "pipelines");
    return Files.isDirectory(dir) ? dir : null;
  }

  /**
   * The configured instance, shut down gracefully on SIGTERM ({@link ShutdownHook}). It does not
   * recover other executions: a short command would stop them again when it ends
   * (docs/durability.md).
   */
  TaskWorkflowIntegration open() {
    TaskWorkflowIntegration gantry =
        TaskWorkflowIntegration.builder(config()).recovery(false).build();
    ShutdownHook.install(gantry);
    return gantry;
  }

  static Map<String, Object> map(Map<String, String> raw) {
    return raw == null ? Map.of() : Map.copyOf(raw);
  }
}
