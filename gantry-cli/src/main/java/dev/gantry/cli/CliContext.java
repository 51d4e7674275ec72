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

  private static GantryConfig defaultsWithTemplates() {
    GantryConfig config = GantryConfig.defaults();
    String home = System.getProperty("gantry.home");
    if (home != null && Files.isDirectory(Path.of(home, "templates"))) {
      config = config.withTemplatesDir(Path.of(home, "templates"));
    }
    return config;
  }

  TaskWorkflowIntegration open() {
    return TaskWorkflowIntegration.builder(config()).build();
  }

  static Map<String, Object> map(Map<String, String> raw) {
    return raw == null ? Map.of() : Map.copyOf(raw);
  }
}
