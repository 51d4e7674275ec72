package dev.gantry.dagger;

import dev.gantry.GantryException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.internal.Json;
import dev.gantry.resilience.CircuitBreakerGuard;
import dev.gantry.runtime.RuntimeUnavailableException;
import graphql.language.OperationDefinition;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends GraphQL requests to a Dagger engine session: {@code POST /query} with a JSON body {@code
 * {"operationName", "query", "variables"}} and HTTP Basic auth. Each call has a deadline; when it
 * passes, or the calling thread is interrupted, the HTTP exchange is cancelled (the engine then
 * cancels the work of that request).
 */
public final class DaggerClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaggerClient.class);

  /** How long connecting to the session may take. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final DaggerEndpoint endpoint;
  private final HttpClient http;
  private final CircuitBreakerGuard breaker;

  /** A client with the default circuit breaker settings. */
  public DaggerClient(DaggerEndpoint endpoint) {
    this(endpoint, CircuitBreakerConfig.DEFAULT, Clock.systemUTC());
  }

  /**
   * @param breakerConfig the settings of the session's circuit breaker, named {@code dagger:<query
   *     URI>}; only failures of the session itself count (unreachable, 5xx)
   */
  public DaggerClient(DaggerEndpoint endpoint, CircuitBreakerConfig breakerConfig, Clock clock) {
    this.endpoint = endpoint;
    this.breaker =
        CircuitBreakerGuard.create(
            "dagger:" + endpoint.queryUri(),
            breakerConfig,
            failure -> failure instanceof RuntimeUnavailableException,
            clock);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public DaggerEndpoint endpoint() {
    return endpoint;
  }

  /** The request's deadline passed; the exchange was cancelled. */
  static final class DeadlineExceeded extends Exception {
    DeadlineExceeded(String message) {
      super(message);
    }
  }

  /** The session's circuit breaker. */
  public CircuitBreakerGuard breaker() {
    return breaker;
  }

  /** Carries a checked outcome through the circuit breaker's {@code Supplier}. */
  private static final class Tunnel extends RuntimeException {
    Tunnel(Exception cause) {
      super(cause);
    }
  }

  /**
   * {@link #execute(GraphQLRequest, Duration)} through the session's circuit breaker, or around it
   * when {@code useBreaker} is false ({@code use_circuit_breaker: false}).
   *
   * @throws dev.gantry.resilience.CircuitBreakerOpenException the breaker is open: nothing was sent
   */
  public GraphQLResponse execute(GraphQLRequest request, Duration timeout, boolean useBreaker)
      throws DeadlineExceeded, InterruptedException {
    if (!useBreaker) {
      return execute(request, timeout);
    }
    try {
      return breaker.call(
          operationName(request),
          () -> {
            try {
              return execute(request, timeout);
            } catch (DeadlineExceeded | InterruptedException e) {
              throw new Tunnel(e);
            }
          });
    } catch (Tunnel t) {
      if (t.getCause() instanceof InterruptedException e) {
        throw e;
      }
      throw (DeadlineExceeded) t.getCause();
    }
  }

  private static String operationName(GraphQLRequest request) {
    return request.document().getDefinitions().isEmpty()
        ? "a GraphQL request"
        : ((OperationDefinition) request.document().getDefinitions().get(0)).getName();
  }

  /**
   * Sends {@code request} and waits for the response up to {@code timeout}.
   *
   * @throws DeadlineExceeded the timeout passed first; the exchange was cancelled
   * @throws InterruptedException the thread was interrupted; the exchange was cancelled
   * @throws RuntimeUnavailableException the session cannot be reached (retryable)
   * @throws GantryException the session answered with an HTTP error
   */
  public GraphQLResponse execute(GraphQLRequest request, Duration timeout)
      throws DeadlineExceeded, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    String operation = operationName(request);
    if (!request.document().getDefinitions().isEmpty()) {
      body.put("operationName", operation);
    }
    body.put("query", request.query());
    body.put("variables", request.variables());
    HttpRequest http =
        HttpRequest.newBuilder(endpoint.queryUri())
            .timeout(timeout.plusSeconds(5))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", endpoint.authorization())
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
            .build();
    CompletableFuture<HttpResponse<String>> pending =
        this.http.sendAsync(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = pending.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new DeadlineExceeded(
          operation + " took longer than " + timeout.toSeconds() + " s; request cancelled");
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw failure(operation, e.getCause(), timeout);
    }
    log.debug(
        "{} answered {} ({} chars)", operation, response.statusCode(), response.body().length());
    return check(operation, response.statusCode(), response.body());
  }

  private RuntimeException failure(String operation, Throwable cause, Duration timeout) {
    if (cause instanceof HttpTimeoutException) {
      return new GantryException(
          "The Dagger session at "
              + endpoint.queryUri()
              + " did not answer "
              + operation
              + " within "
              + timeout.toSeconds()
              + " s",
          cause,
          true);
    }
    if (cause instanceof ConnectException || cause instanceof IOException) {
      return unavailable(cause);
    }
    return new GantryException(
        "Sending " + operation + " to the Dagger session failed: " + cause, cause, true);
  }

  /** The session cannot be reached: say where it was looked for and how to get one. */
  RuntimeUnavailableException unavailable(Throwable cause) {
    return new RuntimeUnavailableException(
        "Cannot reach the Dagger engine session at "
            + endpoint.queryUri()
            + " ("
            + cause
            + "). Run Gantry under 'dagger run' (it sets DAGGER_SESSION_PORT and"
            + " DAGGER_SESSION_TOKEN) or set runtime.dagger_cli to a dagger CLI.",
        cause);
  }

  private GraphQLResponse check(String operation, int status, String body) {
    if (status == 401 || status == 403) {
      throw new GantryException(
          "The Dagger session at "
              + endpoint.queryUri()
              + " refused the session token (HTTP "
              + status
              + "): check DAGGER_SESSION_TOKEN",
          null,
          false);
    }
    if (status >= 500 && !looksLikeGraphQL(body)) {
      throw new RuntimeUnavailableException(
          "The Dagger session at "
              + endpoint.queryUri()
              + " answered "
              + operation
              + " with HTTP "
              + status
              + ": "
              + GraphQLResponse.abbreviate(body),
          null);
    }
    if (status != 200 && !looksLikeGraphQL(body)) {
      throw new GantryException(
          "The Dagger session answered "
              + operation
              + " with HTTP "
              + status
              + ": "
              + GraphQLResponse.abbreviate(body),
          null,
          false);
    }
    return GraphQLResponse.parse(body);
  }

  private static boolean looksLikeGraphQL(String body) {
    String b = body == null ? "" : body.stripLeading();
    return b.startsWith("{") && (b.contains("\"data\"") || b.contains("\"errors\""));
  }

  @Override
  public void close() {
    http.close();
  }
}
