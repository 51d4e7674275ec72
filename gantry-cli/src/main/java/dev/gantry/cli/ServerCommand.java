package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.server.GantryServer;
import dev.gantry.server.auth.Authenticator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gantry server}: serves the REST API until interrupted (see docs/api.md). */
@Command(
    name = "server",
    description = "Serve the REST API (default http://127.0.0.1:8080).",
    subcommands = {ServerCommand.HashToken.class})
final class ServerCommand implements java.util.concurrent.Callable<Integer> {
  @ParentCommand GantryCommand root;

  @Option(names = "--host", description = "Address to bind. Default: server.host, else 127.0.0.1.")
  String host;

  @Option(
      names = "--port",
      description = "TCP port (0: any free port). Default: server.port, else 8080.")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    root.context().requireLocal("server", "starts a server on this machine");
    GantryConfig config = root.context().config();
    config = config.withServer(config.server().withAddress(host, port));
    TaskWorkflowIntegration gantry = TaskWorkflowIntegration.builder(config).build();
    GantryServer server;
    try {
      server = GantryServer.start(gantry, config.server());
    } catch (RuntimeException e) {
      gantry.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  gantry.shutdown();
                  stopped.countDown();
                }));
    System.out.println("Gantry API listening on " + server.url() + " (Ctrl-C to stop)");
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** {@code gantry server hash-token}: the SHA-256 of a token read from standard input. */
  @Command(
      name = "hash-token",
      description = "Print the sha256 of a token read from standard input, for server.tokens.")
  static final class HashToken implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String token = in.readLine();
      if (token == null || token.isBlank()) {
        System.err.println("error: expected the token on standard input");
        return 2;
      }
      System.out.println(Authenticator.hash(token.strip()));
      return 0;
    }
  }
}
