package dev.gantry.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gantry.GantryException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.resilience.CircuitBreakerGuard;
import dev.gantry.resilience.CircuitBreakerInfo;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RegistryAuthException;
import dev.gantry.runtime.RuntimeUnavailableException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepContainer;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs steps as Docker containers through docker-java (see {@link StepRunner} for the contract and
 * {@link ContainerSpecMapper} for how a step becomes a container).
 *
 * <p>Cancellation: interrupting the thread in {@link #run} kills and removes the container and
 * makes {@code run} throw {@link StepCancelledException}, with the thread's interrupt status set
 * again, as it came in.
 */
public final class DockerStepRunner implements StepRunner {
  private static final Logger log = LoggerFactory.getLogger(DockerStepRunner.class);

  /** Default bound of each of stdout and stderr kept per attempt (the tail). */
  public static final int DEFAULT_MAX_LOG_BYTES = 64 * 1024;

  /** How long pulling a missing image may take. */
  public static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

  private final DockerEngine engine;
  private final int maxLogBytes;
  private final Clock clock;
  private final ImagePuller puller;
  private final CircuitBreakerGuard breaker;

  /** A runner keeping {@value #DEFAULT_MAX_LOG_BYTES} bytes of each log; it owns the engine. */
  public DockerStepRunner(DockerEngine engine) {
    this(engine, DEFAULT_MAX_LOG_BYTES, Clock.systemUTC());
  }

  /** A runner with the default circuit breaker settings. */
  public DockerStepRunner(DockerEngine engine, int maxLogBytes, Clock clock) {
    this(engine, maxLogBytes, clock, CircuitBreakerConfig.DEFAULT);
  }

  /**
   * @param engine the engine connection; closed by {@link #close()}
   * @param maxLogBytes how many bytes of the end of each of stdout and stderr are kept
   * @param clock the source of the outcome's start and finish times and of the breaker's open
   *     period
   * @param breakerConfig the settings of the engine's circuit breaker, named {@code
   *     docker:<endpoint>}, around the engine's request/response calls
   */
  public DockerStepRunner(
      DockerEngine engine, int maxLogBytes, Clock clock, CircuitBreakerConfig breakerConfig) {
    if (maxLogBytes < 1) {
      throw new IllegalArgumentException("maxLogBytes must be positive, got " + maxLogBytes);
    }
    this.engine = engine;
    this.maxLogBytes = maxLogBytes;
    this.clock = clock;
    this.puller = new ImagePuller(engine, PULL_TIMEOUT);
    this.breaker =
        CircuitBreakerGuard.create(
            breakerName(engine.host()), breakerConfig, DockerCalls::infrastructureFailure, clock);
  }

  /** The name of the circuit breaker of {@code host}, e.g. {@code docker:unix:///run/d.sock}. */
  public static String breakerName(DockerHost host) {
    return "docker:" + host.uri();
  }

  @Override
  public String name() {
    return "docker";
  }

  public DockerEngine engine() {
    return engine;
  }

  /** The engine's circuit breaker. */
  public CircuitBreakerGuard breaker() {
    return breaker;
  }

  @Override
  public List<CircuitBreakerInfo> circuitBreakers() {
    return List.of(breaker.info());
  }

  @Override
  public void ping() {
    engine.ping();
  }

  @Override
  public List<StepContainer> findStepContainers(Map<String, String> labels) {
    return new StepContainerLookup(engine, new DockerCalls(breaker, true)).find(labels);
  }

  @Override
  public void removeContainer(String containerId) {
    new Containers(engine, new DockerCalls(breaker, true)).removeQuietly(containerId);
  }

  @Override
  public StepOutcome attach(String containerId, StepRequest request) {
    return execute(request, execution -> execution.attach(containerId));
  }

  /**
   * Runs the step. The image is not inspected first: {@link StepExecution} creates the container
   * straight away and pulls the image only when the engine answers 404, as {@code docker run} does.
   */
  @Override
  public StepOutcome run(StepRequest request) {
    return execute(request, StepExecution::run);
  }

  /** One step of work on a {@link StepExecution}, which may be interrupted. */
  @FunctionalInterface
  private interface Work {
    StepOutcome on(StepExecution execution) throws InterruptedException;
  }

  private StepOutcome execute(StepRequest request, Work work) {
    for (Path archive : request.inputArchives()) {
      if (!Files.isReadable(archive)) {
        throw new GantryException(
            "Step " + request.stepName() + ": input archive " + archive + " is not readable");
      }
    }
    ContainerSpec spec = ContainerSpecMapper.map(request);
    DockerCalls calls = new DockerCalls(breaker, request.useCircuitBreaker());
    StepExecution execution =
        new StepExecution(engine, calls, puller, request, spec, maxLogBytes, clock);
    try (execution) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      StepOutcome outcome = work.on(execution);
      log.info(
          "Step {} in container {} {}",
          request.stepName(),
          outcome.containerId(),
          outcome.describe());
      return outcome;
    } catch (InterruptedException e) {
      throw cancelled(request, execution);
    } catch (ImageNotFoundException | RegistryAuthException | RuntimeUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
        throw cancelled(request, execution);
      }
      if (DockerEngine.unreachable(e)) {
        throw engine.unavailable(e);
      }
      if (e instanceof GantryException) {
        throw e;
      }
      boolean refused = e instanceof DockerException d && d.getHttpStatus() < 500;
      throw new GantryException(
          (refused ? "the Docker engine refused step " : "Docker failed to run step ")
              + request.stepName()
              + (execution.containerId() == null
                  ? ""
                  : " (container " + execution.containerId() + ")")
              + ": "
              + (refused
                  ? PullCredentials.daemonMessage(String.valueOf(e.getMessage()))
                  : DockerEngine.rootMessage(e)),
          e,
          !refused);
    }
  }

  /**
   * The engine's id of {@code image} ({@code sha256:…}), pulled first when missing. A tag moved to
   * a new image gives a new id, so cached steps of the old one run again.
   *
   * <p>The calls go through the engine's circuit breaker (there is no request to turn it off with);
   * a refused call makes the step run without the step cache.
   */
  @Override
  public String resolveImage(String image, String registry, RegistryCredentials credentials) {
    try {
      return new DockerCalls(breaker, true)
          .interruptibly(
              "resolve image " + image + " (inspect, pull)",
              () -> {
                // One inspection when the image is there; pull and inspect again when not.
                try {
                  return engine.calls().inspectImageCmd(image).exec().getId();
                } catch (NotFoundException e) {
                  puller.ensurePresent(image, registry, credentials);
                  return engine.calls().inspectImageCmd(image).exec().getId();
                }
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepCancelledException("resolving image " + image + " was cancelled");
    } catch (ImageNotFoundException | RuntimeUnavailableException e) {
      throw e;
    } catch (NotFoundException e) {
      throw ImagePuller.notFound(image, "the engine no longer has it: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
        Thread.currentThread().interrupt();
        throw new StepCancelledException("resolving image " + image + " was cancelled");
      }
      if (DockerEngine.unreachable(e)) {
        throw engine.unavailable(e);
      }
      if (e instanceof GantryException) {
        throw e;
      }
      throw new GantryException(
          "Docker failed to inspect image " + image + ": " + DockerEngine.rootMessage(e),
          e,
          !(e instanceof DockerException d) || d.getHttpStatus() >= 500);
    }
  }

  private static StepCancelledException cancelled(StepRequest request, StepExecution execution) {
    Thread.currentThread().interrupt();
    String container = execution.containerId();
    log.info("Step {} was cancelled; container {} removed", request.stepName(), container);
    return new StepCancelledException(
        "Step "
            + request.stepName()
            + " was cancelled (its thread was interrupted)"
            + (container == null
                ? " before its container was created"
                : "; container " + container + " was stopped and removed"));
  }

  private static boolean causedByInterrupt(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedByInterruptException || t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    engine.close();
  }
}
