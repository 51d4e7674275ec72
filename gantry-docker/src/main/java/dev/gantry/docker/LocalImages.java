package dev.gantry.docker;

import dev.gantry.GantryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images Gantry can provide without any registry. {@link #ensureBusybox()} makes sure {@value
 * #BUSYBOX} exists: already present, else pulled (short timeout), else built from the host's
 * statically linked busybox (Debian package {@code busybox-static}) and loaded into the engine.
 * Used by {@code gantry demo} and by the integration tests.
 */
public final class LocalImages {
  private static final Logger log = LoggerFactory.getLogger(LocalImages.class);

  public static final String BUSYBOX = "busybox:latest";

  /** Where Debian's {@code busybox-static} installs its binary. */
  public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

  static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);

  /** How {@link #ensureBusybox} obtained the image. */
  public enum Source {
    PRESENT,
    PULLED,
    BUILT_FROM_HOST
  }

  private final DockerEngine engine;

  public LocalImages(DockerEngine engine) {
    this.engine = engine;
  }

  /** Ensures {@value #BUSYBOX} using {@link #HOST_BUSYBOX} when it must be built. */
  public Source ensureBusybox() {
    return ensureBusybox(HOST_BUSYBOX);
  }

  /**
   * Ensures {@value #BUSYBOX} exists on the engine.
   *
   * @param busybox a statically linked busybox binary, used when the image is neither present nor
   *     pullable
   * @throws GantryException no such binary (install Debian's {@code busybox-static}) or the engine
   *     refused the image
   */
  public Source ensureBusybox(Path busybox) {
    ImagePuller puller = new ImagePuller(engine, PULL_TIMEOUT);
    try {
      if (puller.present(BUSYBOX)) {
        return Source.PRESENT;
      }
    } catch (RuntimeException e) {
      throw DockerEngine.unreachable(e) ? engine.unavailable(e) : e;
    }
    try {
      puller.pull(BUSYBOX, null, null);
      if (puller.present(BUSYBOX)) {
        return Source.PULLED;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException("Interrupted while pulling " + BUSYBOX, e);
    } catch (GantryException e) {
      log.info("{} is not pullable ({}); building it from {}", BUSYBOX, e.getMessage(), busybox);
    }
    buildBusybox(busybox, BUSYBOX);
    return Source.BUILT_FROM_HOST;
  }

  /**
   * Builds an image named {@code repoTag} from a statically linked busybox binary and loads it into
   * the engine (replacing an image of that name), without any registry.
   *
   * @throws GantryException the binary is missing or not statically linked, or the engine refused
   *     the image
   */
  public void buildBusybox(Path busybox, String repoTag) {
    try {
      if (!Files.isRegularFile(busybox) || !ElfFile.isStaticExecutable(busybox)) {
        throw new GantryException(
            "Cannot build image "
                + repoTag
                + " without a registry: "
                + busybox
                + (Files.exists(busybox)
                    ? " is not a statically linked executable"
                    : " does not exist")
                + ". Install Debian's busybox-static ('sudo apt-get install busybox-static'),"
                + " or load a busybox image with 'docker load'.");
      }
      List<String> applets = BusyboxImage.applets(listApplets(busybox));
      byte[] layer = BusyboxImage.rootfs(busybox, applets);
      ByteArrayOutputStream archive = new ByteArrayOutputStream(layer.length + 8192);
      BusyboxImage.write(layer, repoTag, archive);
      engine.calls().loadImageCmd(new ByteArrayInputStream(archive.toByteArray())).exec();
    } catch (IOException e) {
      throw new GantryException(
          "Cannot build image " + repoTag + " from " + busybox + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (DockerEngine.unreachable(e)) {
        throw engine.unavailable(e);
      }
      throw e;
    }
    if (!new ImagePuller(engine, PULL_TIMEOUT).present(repoTag)) {
      throw new GantryException(
          "The Docker engine at "
              + engine.host()
              + " accepted the image archive of "
              + repoTag
              + " but does not list the image; see the engine's log ('journalctl -u docker').");
    }
    log.info("Built {} from {} and loaded it into the engine", repoTag, busybox);
  }

  private static String listApplets(Path busybox) throws IOException {
    Process process =
        new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(LIST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        throw new IOException("'" + busybox + " --list' failed");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running '" + busybox + " --list'", e);
    } finally {
      process.destroyForcibly();
    }
  }
}
