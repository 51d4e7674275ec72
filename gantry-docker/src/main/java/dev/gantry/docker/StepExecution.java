package dev.gantry.docker;

import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gantry.GantryException;
import dev.gantry.runtime.Archives;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step attempt on the engine: create (pulling the image when the engine has none), copy inputs
 * in, start, follow logs, wait (kill on timeout), inspect, copy outputs out. {@link #close()}
 * removes the container, whatever happened. Completion comes from the engine's wait call, never
 * from the end of the log stream.
 */
final class StepExecution implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StepExecution.class);

  /** How long the log stream may take to deliver its last frames after the container exited. */
  static final Duration LOG_DRAIN = Duration.ofSeconds(2);

  /** How long a killed container may take to be reported as exited. */
  static final Duration KILL_GRACE = Duration.ofSeconds(30);

  private final DockerEngine engine;
  private final DockerCalls calls;
  private final ImagePuller puller;
  private final Containers containers;
  private final StepRequest request;
  private final ContainerSpec spec;
  private final int maxLogBytes;
  private final Clock clock;
  private final Map<String, Path> outputs = new LinkedHashMap<>();
  private String containerId;
  private LogCollector logs;
  private ExitWaiter waiter;
  private boolean returned;

  StepExecution(
      DockerEngine engine,
      DockerCalls calls,
      ImagePuller puller,
      StepRequest request,
      ContainerSpec spec,
      int maxLogBytes,
      Clock clock) {
    this.engine = engine;
    this.calls = calls;
    this.puller = puller;
    this.containers = new Containers(engine, calls);
    this.request = request;
    this.spec = spec;
    this.maxLogBytes = maxLogBytes;
    this.clock = clock;
  }

  /** The container's id once it was created, else null. */
  String containerId() {
    return containerId;
  }

  StepOutcome run() throws InterruptedException {
    containerId = create();
    log.debug("Created container {} for step {}", containerId, request.stepName());
    checkInterrupted();
    for (Path archive : request.inputArchives()) {
      copyIn(archive);
    }
    checkInterrupted();

    Instant startedAt = clock.instant();
    containers.start(containerId);
    logs =
        engine
            .streams()
            .logContainerCmd(containerId)
            .withFollowStream(true)
            .withStdOut(true)
            .withStdErr(true)
            .exec(new LogCollector(maxLogBytes, request.redactions()));
    waiter = engine.streams().waitContainerCmd(containerId).exec(new ExitWaiter());
    boolean timedOut = !waiter.await(request.timeout());
    throwIfFailed(waiter);
    if (timedOut) {
      log.info(
          "Step {} (container {}) exceeded its timeout of {} s; killing it",
          request.stepName(),
          containerId,
          request.timeout().toSeconds());
      waiter.close();
      containers.kill(containerId);
      waiter = engine.streams().waitContainerCmd(containerId).exec(new ExitWaiter());
      waiter.await(KILL_GRACE);
    }
    Instant finishedAt = clock.instant();
    ContainerState state = containers.inspect(containerId).getState();
    if (Boolean.TRUE.equals(state.getRunning())) {
      throw new GantryException(
          "Docker ended the wait for container "
              + containerId
              + " of step "
              + request.stepName()
              + " while it still runs",
          null,
          true);
    }

    if (!logs.await(LOG_DRAIN)) {
      log.debug("Logs of container {} did not end within {}", containerId, LOG_DRAIN);
    }
    logs.close();
    if (logs.error() != null) {
      log.warn(
          "Could not read the logs of container {} (step {}): {}",
          containerId,
          request.stepName(),
          DockerEngine.rootMessage(logs.error()));
    }
    for (String path : request.outputs()) {
      copyOut(path);
    }
    List<String> missing = request.outputs().stream().filter(p -> !outputs.containsKey(p)).toList();
    returned = true;
    return new StepOutcome(
        containerId,
        exitCode(state),
        Boolean.TRUE.equals(state.getOOMKilled()),
        timedOut,
        logs.stdout(),
        logs.stderr(),
        outputs,
        missing,
        startedAt,
        finishedAt);
  }

  /**
   * Creates the container; when the engine has no such image (404), pulls it, as {@code docker run}
   * does, and creates again. Trying the create first saves an image inspection per step when the
   * image is there, which is nearly always.
   */
  private String create() throws InterruptedException {
    String what = "create the container of step " + request.stepName();
    try {
      return calls.call(what, this::createUninterruptibly);
    } catch (NotFoundException e) {
      log.debug("No image {} for step {}; pulling it", spec.image(), request.stepName());
    }
    calls.interruptibly(
        "make sure image " + request.image() + " is on the engine (inspect, pull)",
        () -> {
          puller.ensurePresent(request.image(), request.registry(), request.credentials());
          return null;
        });
    checkInterrupted();
    try {
      return calls.call(what, this::createUninterruptibly);
    } catch (NotFoundException e) {
      throw ImagePuller.notFound(spec.image(), "the engine no longer has it: " + e.getMessage(), e);
    }
  }

  /**
   * Creates the container on another thread and waits for it without giving way to an interrupt: an
   * interrupt while the create call is in flight would close the connection and lose the id of a
   * container the engine still creates, which nothing would then remove. The caller checks for the
   * interrupt once {@link #containerId} is known, and {@link #close()} removes the container.
   */
  private String createUninterruptibly() {
    CompletableFuture<String> created = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("gantry-create-" + request.stepName())
        .start(
            () -> {
              try {
                created.complete(
                    spec.applyTo(engine.calls().createContainerCmd(spec.image())).exec().getId());
              } catch (Throwable t) {
                created.completeExceptionally(t);
              }
            });
    try {
      return created.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private int exitCode(ContainerState state) {
    Long code = state.getExitCodeLong();
    if (code != null) {
      return code.intValue();
    }
    Integer reported = waiter.statusCode();
    return reported == null ? -1 : reported;
  }

  private void copyIn(Path archive) {
    try (InputStream in = Files.newInputStream(archive)) {
      calls.run(
          "copy an input archive into container " + containerId,
          () ->
              engine
                  .calls()
                  .copyArchiveToContainerCmd(containerId)
                  .withRemotePath("/")
                  .withTarInputStream(in)
                  .exec());
    } catch (IOException e) {
      throw new GantryException(
          "Step "
              + request.stepName()
              + ": cannot read input archive "
              + archive
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void copyOut(String path) {
    try (InputStream in =
        calls.call(
            "copy output " + path + " out of container " + containerId,
            () -> engine.calls().copyArchiveFromContainerCmd(containerId, path).exec())) {
      outputs.put(path, Archives.rerootToTempFile(in, Archives.parentOf(path)));
    } catch (NotFoundException e) {
      log.debug("Step {} did not produce its output {}", request.stepName(), path);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Step " + request.stepName() + ": copying output " + path + " out of " + containerId, e);
    }
  }

  private static void throwIfFailed(StreamCallback<?> callback) {
    Throwable error = callback.error();
    if (error instanceof RuntimeException e) {
      throw e;
    }
    if (error != null) {
      throw new GantryException("Docker stream failed: " + error.getMessage(), error, true);
    }
  }

  private static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("step cancelled");
    }
  }

  /** Closes the streams and removes the container; deletes outputs unless they were returned. */
  @Override
  public void close() {
    if (logs != null) {
      logs.close();
    }
    if (waiter != null) {
      waiter.close();
    }
    if (containerId != null) {
      containers.removeQuietly(containerId);
    }
    if (!returned) {
      List<Path> files = new ArrayList<>(outputs.values());
      for (Path file : files) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.debug("Could not delete temporary output {}: {}", file, e.getMessage());
        }
      }
    }
  }
}
