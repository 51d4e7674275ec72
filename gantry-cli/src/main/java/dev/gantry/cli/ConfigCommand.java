package dev.gantry.cli;

import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gantry config check FILE}. */
@Command(name = "config", description = "Check a configuration file.")
final class ConfigCommand {
  @Command(name = "check", description = "Load and validate FILE; print the effective config.")
  int check(@Parameters(paramLabel = "FILE") Path file) {
    GantryConfig config = new ConfigLoader().load(file);
    System.out.println(file + ": OK");
    System.out.print(ConfigLoader.describe(config));
    return 0;
  }
}
