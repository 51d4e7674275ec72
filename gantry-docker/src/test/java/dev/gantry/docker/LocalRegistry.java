package dev.gantry.docker;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real private registry for a test class: Debian's {@code docker-registry} (the CNCF
 * distribution) serving on {@code 127.0.0.1:<free port>} over HTTP with htpasswd (bcrypt) auth,
 * storage in a temporary directory. The Docker engine treats 127.0.0.0/8 registries as insecure by
 * default, so HTTP needs no engine set-up. Register it with {@code @RegisterExtension static}; it
 * starts before the class's tests and stops after them.
 *
 * <p>When {@code /usr/bin/docker-registry} or {@code htpasswd} is missing the class FAILS (CI must
 * not silently skip it; {@code ./scripts/test} installs both), unless {@code
 * GANTRY_SKIP_REGISTRY=1}, which skips it.
 */
final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  static final String HTPASSWD = "htpasswd";
  static final String USERNAME = "gantry";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);

  private final String password = "pw-" + HexFormat.of().formatHex(randomBytes(12));
  private Path dir;
  private Process process;
  private int port;

  /** The registry's {@code host:port}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  String password() {
    return password;
  }

  /** The full name of {@code repository:tag} in this registry. */
  String image(String repositoryAndTag) {
    return address() + "/" + repositoryAndTag;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  void start() throws IOException, InterruptedException {
    requireTools();
    dir = Files.createTempDirectory("gantry-registry");
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, bcryptLine());
    IOException lastFailure = null;
    for (int tries = 0; tries < 3; tries++) {
      port = freePort();
      Path config = writeConfig(htpasswd);
      process =
          new ProcessBuilder(BINARY.toString(), "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      try {
        awaitUnauthorizedRoot();
        return;
      } catch (IOException e) {
        lastFailure = e; // e.g. the port was taken between choosing and binding it
        stopProcess();
      }
    }
    throw lastFailure;
  }

  /** Tags the engine's {@code sourceImage} as {@code target} in this registry and pushes it. */
  void push(DockerEngine engine, String sourceImage, String target) throws InterruptedException {
    ImageRef ref = ImageRef.parse(target);
    engine.calls().tagImageCmd(sourceImage, ref.repository(), ref.tag()).exec();
    PushErrors errors = new PushErrors();
    engine
        .streams()
        .pushImageCmd(ref.repository())
        .withTag(ref.tag())
        .withAuthConfig(
            new AuthConfig()
                .withUsername(USERNAME)
                .withPassword(password)
                .withRegistryAddress(address()))
        .exec(errors);
    if (!errors.awaitCompletion(PUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      Assertions.fail("pushing " + target + " did not finish within " + PUSH_TIMEOUT);
    }
    if (errors.error != null) {
      Assertions.fail("pushing " + target + " failed: " + errors.error);
    }
  }

  /** Removes the engine's tag {@code image} (not the image it names), so a run must pull it. */
  static void untag(DockerEngine engine, String image) {
    try {
      engine.calls().removeImageCmd(image).withForce(false).exec();
    } catch (NotFoundException e) {
      // not there: nothing to remove
    }
  }

  @Override
  public void close() {
    stopProcess();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void stopProcess() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static void requireTools() {
    boolean registry = Files.isExecutable(BINARY);
    boolean htpasswd = onPath(HTPASSWD);
    if (registry && htpasswd) {
      return;
    }
    String missing =
        (registry ? "" : BINARY + " (Debian package docker-registry) ")
            + (htpasswd ? "" : "htpasswd (Debian package apache2-utils)");
    if ("1".equals(System.getenv("GANTRY_SKIP_REGISTRY"))) {
      Assumptions.abort("GANTRY_SKIP_REGISTRY=1 and missing: " + missing);
    }
    Assertions.fail(
        "The registry tests need "
            + missing.strip()
            + ". Install them ('apt-get install docker-registry apache2-utils', as ./scripts/test"
            + " does) or set GANTRY_SKIP_REGISTRY=1 to skip these tests.");
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  /** {@code user:bcrypt-hash}; the password goes to htpasswd on stdin, not its command line. */
  private String bcryptLine() throws IOException, InterruptedException {
    Process htpasswd = new ProcessBuilder(HTPASSWD, "-nBi", USERNAME).start();
    htpasswd.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    htpasswd.getOutputStream().close();
    String out = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(htpasswd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!htpasswd.waitFor(30, TimeUnit.SECONDS) || htpasswd.exitValue() != 0) {
      throw new IOException("htpasswd -nBi failed: " + err);
    }
    return out.strip() + "\n";
  }

  private Path writeConfig(Path htpasswd) throws IOException {
    String yaml =
        """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        auth:
          htpasswd:
            realm: gantry-test
            path: %s
        """
            .formatted(dir.resolve("storage"), port, htpasswd);
    return Files.writeString(dir.resolve("config.yml"), yaml);
  }

  /** Waits until {@code /v2/} answers 401 (up and asking for credentials). */
  private void awaitUnauthorizedRoot() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException("exited");
                }
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 401;
              });
    } catch (RuntimeException e) {
      throw new IOException(
          "docker-registry on "
              + address()
              + " did not answer 401 on /v2/ within "
              + START_TIMEOUT
              + ": "
              + e.getMessage()
              + "; its log:\n"
              + Files.readString(dir.resolve("registry.log")),
          e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** Collects the first error a push reports (a push answers 200 and reports errors inline). */
  private static final class PushErrors extends ResultCallback.Adapter<PushResponseItem> {
    private volatile String error;

    @Override
    public void onNext(PushResponseItem item) {
      if (item.isErrorIndicated() && error == null) {
        error = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : "push failed";
      }
    }

    @Override
    public void onError(Throwable throwable) {
      error = String.valueOf(throwable.getMessage());
      super.onError(throwable);
    }
  }
}
