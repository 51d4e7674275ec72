package dev.gantry.docker;

import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.gantry.GantryException;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RegistryAuthException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure an image is on the engine, pulling it when it is not. */
final class ImagePuller {
  private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

  /** Daemon messages that mean "this image cannot be pulled from anywhere we can reach". */
  private static final List<String> NOT_PULLABLE =
      List.of(
          "not found",
          "does not exist",
          "pull access denied",
          "manifest unknown",
          "no such host",
          "invalid reference format",
          "repository name must");

  private final DockerEngine engine;
  private final Duration pullTimeout;

  ImagePuller(DockerEngine engine, Duration pullTimeout) {
    this.engine = engine;
    this.pullTimeout = pullTimeout;
  }

  /** True when the engine has the image. */
  boolean present(String image) {
    try {
      engine.calls().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Pulls {@code image} unless the engine has it.
   *
   * @param registry the registry {@code credentials} are sent to (only for its images); null: the
   *     image's own registry
   * @throws ImageNotFoundException neither present nor pullable
   * @throws RegistryAuthException the registry refused the pull: no or wrong credentials
   * @throws InterruptedException the calling thread was interrupted while pulling
   */
  void ensurePresent(String image, String registry, RegistryCredentials credentials)
      throws InterruptedException {
    if (present(image)) {
      return;
    }
    pull(image, registry, credentials);
    if (!present(image)) {
      throw notFound(image, "the pull ended but the engine does not list the image", null);
    }
  }

  void pull(String image, String registry, RegistryCredentials credentials)
      throws InterruptedException {
    ImageRef ref = ImageRef.parse(image);
    log.info("Pulling image {} (not present on the engine)", image);
    PullImageCmd cmd = engine.streams().pullImageCmd(ref.repository()).withTag(ref.tag());
    AuthConfig auth = PullCredentials.authFor(ref, registry, credentials);
    if (auth != null) {
      cmd = cmd.withAuthConfig(auth);
    }
    try (PullProgress progress = cmd.exec(new PullProgress())) {
      if (!progress.await(pullTimeout)) {
        throw new GantryException(
            "Pulling image "
                + image
                + " did not finish within "
                + pullTimeout.toSeconds()
                + " s; the registry may be slow or unreachable. Pull it in advance with 'docker"
                + " pull "
                + image
                + "'.",
            null,
            true);
      }
      Throwable failure = progress.error();
      String message = failure != null ? failure.getMessage() : progress.errorMessage();
      if (failure != null && DockerEngine.unreachable(failure)) {
        throw engine.unavailable(failure);
      }
      if (message != null && PullCredentials.refused(message)) {
        throw PullCredentials.refusedError(image, registry, credentials, message, failure);
      }
      if (message != null) {
        throw classify(image, message, failure);
      }
    }
  }

  private static GantryException classify(String image, String message, Throwable cause) {
    String lower = message.toLowerCase(Locale.ROOT);
    boolean permanent =
        cause instanceof NotFoundException || NOT_PULLABLE.stream().anyMatch(lower::contains);
    if (permanent) {
      return notFound(image, message, cause);
    }
    return new GantryException(
        "Pulling image " + image + " failed: " + message.strip(), cause, true);
  }

  static ImageNotFoundException notFound(String image, String detail, Throwable cause) {
    return new ImageNotFoundException(
        "Image "
            + image
            + " is neither present on the Docker engine nor pullable ("
            + detail.strip()
            + "). Check the image name and tag and, for a private registry, container_registry"
            + " and container_credentials; on a machine without registry access, put the image"
            + " on the engine with 'docker load -i image.tar' or 'docker import rootfs.tar "
            + image
            + "'.",
        cause);
  }

  /** Pull progress; remembers the error a 200 response may still end with. */
  static final class PullProgress extends StreamCallback<PullResponseItem> {
    private volatile String errorMessage;

    @Override
    @SuppressWarnings("deprecation") // older engines send only the plain "error" field
    public void onNext(PullResponseItem item) {
      if (item.isErrorIndicated()) {
        errorMessage =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
      }
    }

    String errorMessage() {
      return errorMessage;
    }
  }
}
