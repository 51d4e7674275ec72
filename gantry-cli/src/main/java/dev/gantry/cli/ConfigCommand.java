package dev.gantry.cli;

import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry config check FILE}. */
@Command(name = "config", description = "Check a configuration file.")
final class ConfigCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "check", description = "Load and validate FILE; print the effective config.")
  int check(@Parameters(paramLabel = "FILE") Path file) {
    root.context().requireLocal("config check", "checks a local file");
    GantryConfig config = new ConfigLoader().load(file);
    System.out.println(file + ": OK");
    System.out.print(ConfigLoader.describe(config));
    return 0;
  }
}
