package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import dev.gantry.internal.Json;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session started with {@code <cli> session}: the CLI connects to (or starts) an engine and
 * prints one JSON line, {@code {"port": N, "session_token": "…"}}; the session lasts until its
 * standard input is closed, which {@link #close()} does (then waits, then kills).
 */
final class CliSession implements DaggerSession {
  private static final Logger log = LoggerFactory.getLogger(CliSession.class);

  /** How long the CLI may take to print the connection parameters (it may start an engine). */
  static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  /** How long the CLI may take to end after its standard input was closed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Path cli;
  private final DaggerEndpoint endpoint;

  private CliSession(Process process, Path cli, DaggerEndpoint endpoint) {
    this.process = process;
    this.cli = cli;
    this.endpoint = endpoint;
  }

  static CliSession start(Path cli) {
    return start(cli, START_TIMEOUT);
  }

  static CliSession start(Path cli, Duration timeout) {
    if (!Files.isExecutable(cli)) {
      throw new GantryException(
          "runtime.dagger_cli: " + cli + " is not an executable file (expected a dagger CLI)");
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  List.of(cli.toString(), "session", "--label", "dagger.io/sdk.name:gantry"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new GantryException("runtime.dagger_cli: cannot start " + cli + ": " + e, e, false);
    }
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader reader =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                return reader.readLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String line;
    try {
      line = firstLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new RuntimeUnavailableException(
          "'" + cli + " session' printed no connection parameters within " + timeout, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GantryException("starting '" + cli + " session' was interrupted", e, true);
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new RuntimeUnavailableException(
          "cannot read the output of '" + cli + " session': " + e.getCause(), e.getCause());
    }
    try {
      DaggerEndpoint endpoint = parse(line);
      log.info("Started a Dagger session with {} on {}", cli, endpoint.queryUri());
      return new CliSession(process, cli, endpoint);
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The endpoint in the line {@code dagger session} prints. */
  static DaggerEndpoint parse(String line) {
    if (line == null || line.isBlank()) {
      throw new RuntimeUnavailableException(
          "'dagger session' ended without printing its connection parameters", null);
    }
    JsonNode json;
    try {
      json = Json.JSON.readTree(line);
    } catch (IOException e) {
      throw new RuntimeUnavailableException(
          "'dagger session' printed something that is not its connection parameters: "
              + GraphQLResponse.abbreviate(line),
          e);
    }
    if (json == null || !json.path("port").canConvertToInt() || !json.hasNonNull("session_token")) {
      throw new RuntimeUnavailableException(
          "'dagger session' printed no port and session_token (got the keys "
              + (json == null ? "[]" : keys(json))
              + ")",
          null);
    }
    return DaggerEndpoint.local(json.get("port").asInt(), json.get("session_token").asText());
  }

  private static List<String> keys(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Override
  public DaggerEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String describe() {
    return "the session Gantry started with '" + cli + " session'";
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
