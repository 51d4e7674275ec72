package dev.gantry.cli;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gantry}: the root command and its global options. */
@Command(
    name = "gantry",
    mixinStandardHelpOptions = true,
    // --help and --version on every subcommand too (gantry demo --help).
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Versions.class,
    description = "Runs the tasks of a task manager as containerized pipelines.",
    subcommands = {
      DemoCommand.class,
      ProjectCommand.class,
      PhaseCommand.class,
      TaskCommand.class,
      WorkflowCommand.class,
      TemplatesCommand.class,
      CacheCommand.class,
      ContainersCommand.class,
      ConfigCommand.class,
      ServerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GantryCommand {
  @Option(
      names = {"-c", "--config"},
      description = "Config file (YAML). Default: $GANTRY_CONFIG, else built-in defaults.",
      scope = CommandLine.ScopeType.INHERIT)
  Path config;

  @Option(
      names = "--data-dir",
      description = "Data directory (store, artifacts). Default: ~/.gantry/data.",
      scope = CommandLine.ScopeType.INHERIT)
  Path dataDir;

  @Option(
      names = "--store",
      description = "Store: jdbc (H2 file under the data directory, default) or memory.",
      scope = CommandLine.ScopeType.INHERIT)
  String store;

  @Option(
      names = "--log-level",
      description = "Log level: trace, debug, info, warn (default), error.",
      scope = CommandLine.ScopeType.INHERIT)
  String logLevel;

  @Option(
      names = {"-o", "--output"},
      description = "Output format of listings: table (default) or json.",
      scope = CommandLine.ScopeType.INHERIT)
  Output.Format output = Output.Format.TABLE;

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new GantryCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof GantryException) {
            commandLine.getErr().println("error: " + ex.getMessage());
            return ex instanceof InvalidInputException ? 2 : 1;
          }
          IOException io = FileErrors.ioCause(ex);
          if (io != null) {
            commandLine.getErr().println("error: " + FileErrors.describe(io));
            return 1;
          }
          throw ex;
        });
    return cl;
  }

  CliContext context() {
    return new CliContext(this);
  }
}
