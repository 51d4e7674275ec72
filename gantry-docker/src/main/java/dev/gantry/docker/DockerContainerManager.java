package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.resilience.CircuitBreakerGuard;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.HostPathPolicy;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.LogFollow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container management API on a Docker engine. Every answer about a container (status, exit
 * code) is read from the engine. Engine 404s become {@link dev.gantry.NotFoundException}, a create
 * the engine refuses (400) an {@link InvalidInputException} with its reason; 304 on start/stop and
 * 404 on delete count as "already done".
 */
public final class DockerContainerManager implements ContainerManager {
  private static final Logger log = LoggerFactory.getLogger(DockerContainerManager.class);

  /** Upper bound for reading a container's logs (not following). */
  static final Duration LOGS_TIMEOUT = Duration.ofSeconds(30);

  /** The end of the error when the breaker refuses a call: container calls cannot bypass it. */
  static final String BREAKER_ADVICE =
      "Container calls always go through it: check the engine ('docker info') and try again"
          + " once it half-opens.";

  private final DockerEngine engine;
  private final HostPathPolicy policy;
  private final RuntimeConfig runtime;
  private final boolean ownsEngine;
  private final CircuitBreakerGuard breaker;

  /** A manager with its own circuit breaker (default settings) for the engine's endpoint. */
  public DockerContainerManager(
      DockerEngine engine, HostPathPolicy policy, RuntimeConfig runtime, boolean ownsEngine) {
    this(
        engine,
        policy,
        runtime,
        ownsEngine,
        CircuitBreakerGuard.create(
            DockerStepRunner.breakerName(engine.host()),
            CircuitBreakerConfig.DEFAULT,
            DockerCalls::infrastructureFailure,
            Clock.systemUTC()));
  }

  /**
   * @param ownsEngine whether {@link #close()} closes {@code engine}
   * @param breaker the endpoint's circuit breaker (the step runner's, when shared) around every
   *     request/response call; log streams are not guarded
   */
  public DockerContainerManager(
      DockerEngine engine,
      HostPathPolicy policy,
      RuntimeConfig runtime,
      boolean ownsEngine,
      CircuitBreakerGuard breaker) {
    this.engine = engine;
    this.policy = policy;
    this.runtime = runtime;
    this.ownsEngine = ownsEngine;
    this.breaker = breaker;
  }

  /** The circuit breaker its engine calls go through. */
  public CircuitBreakerGuard breaker() {
    return breaker;
  }

  @Override
  public ContainerInfo create(ContainerRequest request) {
    ManagedContainerMapper.Mapped mapped = ManagedContainerMapper.map(request, policy, runtime);
    CreateContainerCmd cmd =
        mapped.spec().applyTo(engine.calls().createContainerCmd(request.image()));
    cmd.getHostConfig().withBinds(mapped.binds());
    if (request.name() != null && !request.name().isBlank()) {
      cmd = cmd.withName(request.name());
    }
    CreateContainerCmd create = cmd;
    String id;
    try {
      id = guarded("create a container from " + request.image(), () -> create.exec().getId());
    } catch (NotFoundException e) {
      throw new dev.gantry.NotFoundException("image", request.image());
    } catch (ConflictException e) {
      throw new InvalidInputException(
          "name", "a container named '" + request.name() + "' already exists; pick another name");
    } catch (BadRequestException e) {
      // The engine's own check of the request, e.g. more CPUs than the host has.
      throw new InvalidInputException(
          "container",
          "the Docker engine refused to create a container from "
              + request.image()
              + ": "
              + PullCredentials.daemonMessage(String.valueOf(e.getMessage())));
    }
    log.info("Created container {} ({}) from {}", id, request.name(), request.image());
    return inspect(id);
  }

  @Override
  public void start(String id) {
    try {
      known(id, "start", () -> engine.calls().startContainerCmd(id).exec());
    } catch (NotModifiedException e) {
      log.debug("Container {} was already running", id);
    }
  }

  @Override
  public void stop(String id, Duration grace) {
    try {
      known(
          id,
          "stop",
          () ->
              engine
                  .calls()
                  .stopContainerCmd(id)
                  .withTimeout((int) Math.max(0, grace.toSeconds()))
                  .exec());
    } catch (NotModifiedException e) {
      log.debug("Container {} was not running", id);
    }
  }

  @Override
  public void delete(String id) {
    try {
      guarded(
          "delete container " + id,
          () ->
              engine.calls().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
      log.info("Deleted container {}", id);
    } catch (NotFoundException e) {
      log.debug("Container {} is already gone", id);
    } catch (ConflictException e) {
      log.debug("Container {} is already being removed: {}", id, e.getMessage());
    }
  }

  @Override
  public ContainerInfo inspect(String id) {
    InspectContainerResponse r = inspectResponse(id);
    String status = r.getState().getStatus();
    Long exit = r.getState().getExitCodeLong();
    Map<String, String> labels = r.getConfig().getLabels();
    return new ContainerInfo(
        r.getId(),
        stripSlash(r.getName()),
        r.getConfig().getImage(),
        status,
        labels == null ? null : labels.get(Labels.WORKFLOW),
        labels,
        r.getCreated() == null ? null : Instant.parse(r.getCreated()),
        "exited".equals(status) && exit != null ? exit.intValue() : null);
  }

  @Override
  public String logs(String id, Integer tail, Instant since) {
    inspect(id);
    LogContainerCmd cmd =
        engine
            .calls()
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(false);
    if (tail != null) {
      cmd = cmd.withTail(tail);
    }
    if (since != null) {
      cmd = cmd.withSince((int) since.getEpochSecond());
    }
    StringBuilder out = new StringBuilder();
    try (ResultCallback.Adapter<Frame> callback =
        cmd.exec(
            new ResultCallback.Adapter<>() {
              @Override
              public void onNext(Frame frame) {
                synchronized (out) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              }
            })) {
      if (!callback.awaitCompletion(LOGS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new GantryException(
            "reading the logs of container " + id + " took longer than " + LOGS_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("interrupted while reading the logs of container " + id, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    synchronized (out) {
      return out.toString();
    }
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels, String status) {
    List<Container> found =
        guarded(
            "list containers",
            () ->
                engine
                    .calls()
                    .listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(labels)
                    .exec());
    List<ContainerInfo> result = new ArrayList<>();
    for (Container c : found) {
      if (status != null && !status.equalsIgnoreCase(c.getState())) {
        continue;
      }
      Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
      String name = c.getNames() == null || c.getNames().length == 0 ? null : c.getNames()[0];
      result.add(
          new ContainerInfo(
              c.getId(),
              stripSlash(name),
              c.getImage(),
              c.getState(),
              l.get(Labels.WORKFLOW),
              l,
              c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()),
              null));
    }
    return result;
  }

  @Override
  public void close() {
    if (ownsEngine) {
      engine.close();
    }
  }

  @Override
  public LogFollow followLogs(String id, Integer tail, Instant since, Consumer<String> lines) {
    inspect(id);
    LogContainerCmd cmd =
        engine
            .streams()
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true);
    if (tail != null) {
      cmd = cmd.withTail(tail);
    }
    if (since != null) {
      cmd = cmd.withSince((int) since.getEpochSecond());
    }
    return cmd.exec(new LogFollower(lines));
  }

  @Override
  public Map<String, String> environment(String id) {
    String[] env = inspectResponse(id).getConfig().getEnv();
    Map<String, String> out = new LinkedHashMap<>();
    if (env != null) {
      for (String entry : env) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          out.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    return out;
  }

  private InspectContainerResponse inspectResponse(String id) {
    return known(id, "inspect", () -> engine.calls().inspectContainerCmd(id).exec());
  }

  /** A call on container {@code id} through the breaker; the engine's 404 becomes not-found. */
  private <T> T known(String id, String operation, Supplier<T> call) {
    try {
      return guarded(operation + " container " + id, call);
    } catch (NotFoundException e) {
      throw new dev.gantry.NotFoundException("container", id);
    }
  }

  /**
   * A request/response call through the endpoint's circuit breaker; an unreachable engine is
   * reported as {@link dev.gantry.runtime.RuntimeUnavailableException} saying how to start one.
   */
  private <T> T guarded(String operation, Supplier<T> call) {
    try {
      return breaker.call(operation, BREAKER_ADVICE, call);
    } catch (RuntimeException e) {
      if (!(e instanceof GantryException) && DockerEngine.unreachable(e)) {
        throw engine.unavailable(e);
      }
      throw e;
    }
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }
}
