package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.ServerConfig;
import dev.gantry.internal.Json;
import dev.gantry.server.GantryServer;
import dev.gantry.server.auth.Authenticator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real Gantry server for the CLI's {@code --server} tests: in-memory store, loopback port 0, the
 * checkout's templates and one token per scope; and a way to run the CLI against it.
 */
final class RemoteServer implements AutoCloseable {
  static final String READ = "cli-read-token-0123456789";
  static final String WRITE = "cli-write-token-0123456789";
  static final String ADMIN = "cli-admin-token-0123456789";

  final TaskWorkflowIntegration gantry;
  final GantryServer server;
  final String url;

  RemoteServer(Path dir) throws Exception {
    Path config = dir.resolve("server.yaml");
    Files.createDirectories(dir.resolve("workflows"));
    Files.writeString(
        config,
        "store:\n  type: memory\ndata_directory: "
            + dir.resolve("data")
            + "\nworkflow_directory: "
            + dir.resolve("workflows")
            + "\ntemplates_dir: "
            + Path.of("..", "templates", "pipelines").toAbsolutePath().normalize()
            + "\n");
    GantryConfig loaded = new ConfigLoader().load(config);
    ServerConfig server =
        new ServerConfig(
            "127.0.0.1",
            0,
            List.of(
                token("reader", READ, "read"),
                token("writer", WRITE, "write"),
                token("admin", ADMIN, "admin")),
            null);
    this.gantry =
        TaskWorkflowIntegration.builder(loaded.withServer(server))
            .ownerId("gantry-cli-remote")
            .build();
    this.server = GantryServer.start(gantry, server);
    this.url = this.server.url();
  }

  private static ServerConfig.Token token(String name, String token, String scope) {
    return new ServerConfig.Token(name, Authenticator.hash(token), Set.of(scope));
  }

  /** What one CLI run printed. */
  record Result(int code, String out, String err) {}

  /** Runs {@code gantry --server URL args...} with {@code GANTRY_TOKEN=token} (none if null). */
  Result cli(String token, String... args) {
    return cliTo(new ByteArrayOutputStream(), token, args);
  }

  /** {@link #cli(String, String...)} printing to {@code outBytes}, to be read while it runs. */
  Result cliTo(ByteArrayOutputStream outBytes, String token, String... args) {
    Map<String, String> env = new HashMap<>();
    if (token != null) {
      env.put("GANTRY_TOKEN", token);
    }
    String[] all = new String[args.length + 2];
    all[0] = "--server";
    all[1] = url;
    System.arraycopy(args, 0, all, 2, args.length);
    return run(env, outBytes, all);
  }

  /** Runs the CLI with this environment, capturing stdout and stderr. */
  static Result run(Map<String, String> env, String... args) {
    return run(env, new ByteArrayOutputStream(), args);
  }

  private static Result run(
      Map<String, String> env, ByteArrayOutputStream outBytes, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      code = GantryCommand.commandLine(env).execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Result(
        code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
  }

  /** {@code value} as the CLI's {@code -o json} prints it (what the local command prints). */
  static String json(Object value) throws Exception {
    return Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value)
        + System.lineSeparator();
  }

  @Override
  public void close() {
    server.close();
    gantry.close();
  }
}
