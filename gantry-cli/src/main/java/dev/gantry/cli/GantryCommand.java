package dev.gantry.cli;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Run the command through the REST API of the Gantry server at URL, e.g."
              + " http://127.0.0.1:8080. Default: $GANTRY_SERVER. The token comes from"
              + " $GANTRY_TOKEN or --token-file, never from the command line.",
      scope = CommandLine.ScopeType.INHERIT)
  String server;

  @Option(
      names = "--token-file",
      paramLabel = "PATH",
      description =
          "File holding the bearer token for --server. Default: $GANTRY_TOKEN, else the file"
              + " named by $GANTRY_TOKEN_FILE.",
      scope = CommandLine.ScopeType.INHERIT)
  Path tokenFile;

  /** The environment ($GANTRY_SERVER, $GANTRY_TOKEN, ...); tests pass their own. */
  final Map<String, String> env;

  GantryCommand() {
    this(System.getenv());
  }

  GantryCommand(Map<String, String> env) {
    this.env = env;
  }

  static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new GantryCommand(env));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(new TokenArgumentRefusal(cl.getParameterExceptionHandler()));
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
