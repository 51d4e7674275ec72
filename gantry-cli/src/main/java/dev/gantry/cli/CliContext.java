package dev.gantry.cli;

import dev.gantry.InvalidInputException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.backend.Backend;
import dev.gantry.cli.remote.GantryClient;
import dev.gantry.cli.remote.RemoteBackend;
import dev.gantry.cli.remote.TokenSource;
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

  /**
   * What the commands work on: the server of {@code --server} (or {@code $GANTRY_SERVER}) through
   * its API, else the configured local instance (opened on first use).
   */
  Backend backend() {
    String server = server();
    if (server == null) {
      if (root.tokenFile != null) {
        throw new InvalidInputException(
            "--token-file", "is for --server URL (or GANTRY_SERVER); no server was named");
      }
      return new LocalBackend(this);
    }
    if (root.store != null || root.dataDir != null) {
      throw new InvalidInputException(
          root.store != null ? "--store" : "--data-dir",
          "names a local store and cannot be used with --server: the server uses its own");
    }
    LogLevels.apply(GantryConfig.defaults().logging(), root.logLevel);
    GantryClient client = new GantryClient(server, TokenSource.resolve(root.tokenFile, root.env));
    return new RemoteBackend(client);
  }

  /** The server's URL from {@code --server} or {@code $GANTRY_SERVER}, or {@code null}. */
  String server() {
    if (root.server != null) {
      return root.server;
    }
    String env = root.env.get("GANTRY_SERVER");
    return env == null || env.isBlank() ? null : env.strip();
  }

  /**
   * Refuses a command that works on local files or a local instance only when a server is named.
   *
   * @param command the command, e.g. {@code project import}
   * @param why what it needs, e.g. {@code reads a file and writes the store directly}
   */
  void requireLocal(String command, String why) {
    if (server() != null) {
      throw new InvalidInputException(
          "--server",
          "'gantry "
              + command
              + "' "
              + why
              + ", so it cannot run through a server; run it without --server (and without"
              + " GANTRY_SERVER)");
    }
  }

  static Map<String, Object> map(Map<String, String> raw) {
    return raw == null ? Map.of() : Map.copyOf(raw);
  }
}
