package dev.gantry.dagger;

import dev.gantry.GantryException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps on a Dagger engine: each step is a GraphQL pipeline ({@link StepDocuments}) sent to
 * the session's {@code /query}. See {@link StepRunner} for the contract.
 *
 * <p>Differences from Docker: the engine owns its containers (there is nothing to list or remove;
 * {@link #running()} tells which steps are in flight); the step timeout is enforced by cancelling
 * the request; resource limits and network isolation are the engine's, not set per step; exec
 * results are cached by Dagger too.
 */
public final class DaggerStepRunner implements StepRunner {
  private static final Logger log = LoggerFactory.getLogger(DaggerStepRunner.class);

  /** How long resolving (pulling the manifest of) an image may take. */
  public static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(10);

  /** How long preparing a step's secrets and inputs may take. */
  static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(5);

  private final DaggerSession session;
  private final DaggerClient client;
  private final int maxLogBytes;
  private final Clock clock;
  private final Set<StepRun> running = ConcurrentHashMap.newKeySet();

  /** One step in flight: its labels and a name for it. */
  public record StepRun(String id, Map<String, String> labels) {}

  /**
   * @param session the engine session; closed by {@link #close()}
   * @param maxLogBytes how many bytes of the end of each of stdout and stderr are kept
   * @param clock the source of the outcome's start and finish times
   */
  public DaggerStepRunner(DaggerSession session, int maxLogBytes, Clock clock) {
    this(session, maxLogBytes, clock, CircuitBreakerConfig.DEFAULT);
  }

  /**
   * @param breakerConfig the settings of the session's circuit breaker ({@code dagger:<query URI>})
   */
  public DaggerStepRunner(
      DaggerSession session, int maxLogBytes, Clock clock, CircuitBreakerConfig breakerConfig) {
    if (maxLogBytes < 1) {
      throw new IllegalArgumentException("maxLogBytes must be positive, got " + maxLogBytes);
    }
    this.session = session;
    this.client = new DaggerClient(session.endpoint(), breakerConfig, clock);
    this.maxLogBytes = maxLogBytes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "dagger";
  }

  /** Steps running now (the engine's containers are its own; this is what Gantry has sent). */
  public List<StepRun> running() {
    return List.copyOf(running);
  }

  @Override
  public List<CircuitBreakerInfo> circuitBreakers() {
    return List.of(client.breaker().info());
  }

  @Override
  public void ping() {
    try {
      GraphQLResponse response = client.execute(StepDocuments.ping(), Duration.ofSeconds(30));
      if (response.hasErrors()) {
        throw DaggerErrors.of("answer a ping", null, response);
      }
    } catch (DaggerClient.DeadlineExceeded e) {
      throw new RuntimeUnavailableException(
          "The Dagger session at " + session.endpoint().queryUri() + " did not answer a ping", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepCancelledException("pinging the Dagger engine was cancelled");
    }
  }

  @Override
  public StepOutcome run(StepRequest request) {
    StepRun run =
        new StepRun("dagger:" + request.stepName() + ":" + UUID.randomUUID(), request.labels());
    running.add(run);
    try (DaggerStep step = new DaggerStep(client, request, maxLogBytes, clock, run.id())) {
      StepOutcome outcome = step.run();
      log.info("Step {} on Dagger {}", request.stepName(), outcome.describe());
      return outcome;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.info("Step {} was cancelled; its Dagger request was cancelled", request.stepName());
      throw new StepCancelledException(
          "Step "
              + request.stepName()
              + " was cancelled (its thread was interrupted); its Dagger request was cancelled");
    } finally {
      running.remove(run);
    }
  }

  /**
   * The digest-pinned reference of {@code image} ({@code imageRef} after {@code from}): a tag moved
   * to a new image gives a new reference, so cached steps of the old one run again.
   */
  @Override
  public String resolveImage(String image, String registry, RegistryCredentials credentials) {
    try {
      return ImageResolver.resolve(
          client,
          image,
          StepPlan.registryAuth(image, registry, credentials),
          RESOLVE_TIMEOUT,
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepCancelledException("resolving image " + image + " was cancelled");
    } catch (DaggerClient.DeadlineExceeded e) {
      throw new GantryException(
          "The Dagger engine did not resolve image " + image + " within " + RESOLVE_TIMEOUT,
          e,
          true);
    } catch (ImageNotFoundException | RuntimeUnavailableException e) {
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
    session.close();
  }
}
