package dev.gantry.bench;

import dev.gantry.GantryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gantry server} in a JVM of its own, started from the gantry-cli distribution ({@code
 * gantry-cli/target/gantry}) the way {@code ./gantry server} starts it, with its own configuration
 * file and data directory. Closing it kills the process.
 */
final class ServerProcess implements AutoCloseable {
  static final Path DIST = Path.of("gantry-cli", "target", "gantry");
  private static final long READY_TIMEOUT_NANOS = 120_000_000_000L;

  private final Process process;
  private final RestClient rest;
  private final long startedNanos;

  private ServerProcess(Process process, RestClient rest, long startedNanos) {
    this.process = process;
    this.rest = rest;
    this.startedNanos = startedNanos;
  }

  /** The java launcher of this JVM, which the server and the baseline are started with. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Fails unless the distribution was built. */
  static void checkDistribution() {
    if (!Files.isDirectory(DIST.resolve("lib"))) {
      throw new GantryException(
          DIST.toAbsolutePath()
              + "/lib is missing: build the distribution first (./scripts/bench does:"
              + " ./mvnw -pl gantry-bench,gantry-cli -am package)");
    }
  }

  /**
   * Starts {@code gantry --config CONFIG server --port P} on a free port; output goes to {@code
   * log}. Returns as soon as the process is started, before it serves.
   */
  static ServerProcess start(Path config, Path log) throws IOException {
    checkDistribution();
    int port = freePort();
    Path dist = DIST.toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(
                java(),
                "-Dgantry.home=" + dist,
                "-cp",
                dist.resolve("lib") + "/*",
                "dev.gantry.cli.Main",
                "--config",
                config.toString(),
                "server",
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long t0 = System.nanoTime();
    Process p = pb.start();
    return new ServerProcess(p, new RestClient("http://127.0.0.1:" + port), t0);
  }

  /** Waits until {@code GET /health} answers 200; milliseconds from the process start to then. */
  double awaitHealthy(Path log) throws Exception {
    while (System.nanoTime() - startedNanos < READY_TIMEOUT_NANOS) {
      if (rest.status("/health") == 200) {
        return (System.nanoTime() - startedNanos) / 1e6;
      }
      if (!process.isAlive()) {
        throw new GantryException(
            "gantry server exited with "
                + process.exitValue()
                + " before /health answered; its output: "
                + tail(log));
      }
      Thread.sleep(5);
    }
    throw new GantryException(
        "gantry server: /health did not answer 200 within 120 s: " + tail(log));
  }

  RestClient rest() {
    return rest;
  }

  /** The resident set size of the server process (VmRSS), in MiB. */
  double rssMib() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    throw new GantryException("no VmRSS in /proc/" + process.pid() + "/status");
  }

  /** Milliseconds from starting {@code java -version} until it exited: the baseline JVM start. */
  static double javaVersionMillis() throws Exception {
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(java(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (p.waitFor() != 0) {
      throw new GantryException("java -version exited with " + p.exitValue());
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Kills the server (SIGKILL after a 10 s grace when {@code graceful}) and waits for it. */
  void stop(boolean graceful) throws InterruptedException {
    if (graceful) {
      process.destroy();
      if (process.waitFor(10, TimeUnit.SECONDS)) {
        return;
      }
    }
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(false);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
