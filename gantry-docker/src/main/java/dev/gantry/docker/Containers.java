package dev.gantry.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container calls whose "already done" answers count as success: 304 on start (already started),
 * 404 and 409 on kill (gone, not running), 404 and 409 on remove (gone, removal in progress).
 */
final class Containers {
  private static final Logger log = LoggerFactory.getLogger(Containers.class);

  private final DockerEngine engine;
  private final DockerCalls calls;

  Containers(DockerEngine engine, DockerCalls calls) {
    this.engine = engine;
    this.calls = calls;
  }

  void start(String id) {
    try {
      calls.run("start container " + id, () -> engine.calls().startContainerCmd(id).exec());
    } catch (NotModifiedException e) {
      log.debug("Container {} was already started", id);
    }
  }

  void kill(String id) {
    try {
      calls.cleanup("kill container " + id, () -> engine.calls().killContainerCmd(id).exec());
    } catch (NotFoundException | ConflictException e) {
      log.debug("Container {} was not running any more: {}", id, e.getMessage());
    }
  }

  InspectContainerResponse inspect(String id) {
    return calls.call(
        "inspect container " + id, () -> engine.calls().inspectContainerCmd(id).exec());
  }

  /**
   * Removes the container (killing it if it runs), with the calling thread's interrupt status
   * cleared during the calls (an interrupt would close the engine connection midway) and restored
   * afterwards. Tries twice; a failure is logged, not thrown, so it never hides the step's own
   * outcome or error: orphans are found by their {@code gantry.*} labels.
   */
  void removeQuietly(String id) {
    boolean interrupted = false;
    try {
      for (int attempt = 1; attempt <= 2; attempt++) {
        interrupted |= Thread.interrupted();
        try {
          calls.cleanup(
              "remove container " + id,
              () ->
                  engine
                      .calls()
                      .removeContainerCmd(id)
                      .withForce(true)
                      .withRemoveVolumes(true)
                      .exec());
          log.debug("Removed container {}", id);
          return;
        } catch (NotFoundException | ConflictException e) {
          log.debug("Container {} is already gone or being removed: {}", id, e.getMessage());
          return;
        } catch (RuntimeException e) {
          if (attempt == 2) {
            log.warn(
                "Could not remove container {} at {}; it is left behind with its gantry.* labels:"
                    + " {}",
                id,
                engine.host(),
                DockerEngine.rootMessage(e));
          }
        }
      }
    } finally {
      if (interrupted || Thread.currentThread().isInterrupted()) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
