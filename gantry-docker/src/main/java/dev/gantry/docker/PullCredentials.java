package dev.gantry.docker;

import com.github.dockerjava.api.model.AuthConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.internal.Json;
import dev.gantry.runtime.RegistryAuthException;
import dev.gantry.secret.SecretMask;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which credentials a pull sends, and the error when the registry refuses it. Credentials for a
 * named registry go to images of that registry only; credentials without one (a step's own {@code
 * registry_credentials}) go to the registry of the step's image.
 */
final class PullCredentials {
  /** Daemon messages that mean the registry wants (other) credentials. */
  private static final List<String> REFUSED =
      List.of(
          "unauthorized",
          "authentication required",
          "no basic auth credentials",
          "incorrect username or password");

  private static final Pattern DAEMON_JSON = Pattern.compile("(?s)(?:Status \\d+: )?(\\{.*\\})");

  private PullCredentials() {}

  /**
   * The auth to send when pulling {@code ref}, or null.
   *
   * @param registry the registry {@code credentials} are for; null: the image's own registry
   */
  static AuthConfig authFor(ImageRef ref, String registry, RegistryCredentials credentials) {
    if (credentials == null || (registry != null && !ref.isFrom(registry))) {
      return null;
    }
    AuthConfig auth =
        new AuthConfig().withUsername(credentials.username()).withPassword(credentials.password());
    String address = registry != null ? registry : ref.registry();
    return address == null ? auth : auth.withRegistryAddress(address);
  }

  /** True when the engine's pull error means the registry refused the credentials (or none). */
  static boolean refused(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return !lower.contains("pull access denied") && REFUSED.stream().anyMatch(lower::contains);
  }

  /** The "unauthorized" error for a refused pull of {@code image}, with what to set. */
  static RegistryAuthException refusedError(
      String image,
      String registry,
      RegistryCredentials credentials,
      String detail,
      Throwable cause) {
    ImageRef ref = ImageRef.parse(image);
    String host = ref.registryHost();
    boolean sent = authFor(ref, registry, credentials) != null;
    String safeDetail =
        SecretMask.redact(
            daemonMessage(detail),
            credentials == null ? List.of() : List.of(credentials.password()));
    StringBuilder m =
        new StringBuilder("Pulling image ")
            .append(image)
            .append(" was refused by registry ")
            .append(host)
            .append(" as unauthorized (")
            .append(safeDetail)
            .append("). ");
    if (sent) {
      m.append("It rejected the credentials of user '")
          .append(credentials.username())
          .append("' (")
          .append(
              registry == null
                  ? "the step's registry_credentials"
                  : "container_credentials for container_registry " + registry)
          .append("): check the username and the password")
          .append(registry == null ? " in the secret named by password_secret." : ".");
    } else {
      m.append("No credentials were sent to it")
          .append(
              credentials != null
                  ? " (container_credentials are only sent to container_registry " + registry + ")"
                  : "")
          .append(": set registry_credentials {username, password_secret} on the step, or")
          .append(" container_credentials {username, password} in the config with")
          .append(" container_registry: ")
          .append(host)
          .append('.');
    }
    return new RegistryAuthException(m.toString(), cause);
  }

  /** The daemon's own words: {@code Status 500: {"message":"..."}} becomes the message. */
  static String daemonMessage(String detail) {
    Matcher json = DAEMON_JSON.matcher(detail.strip());
    if (json.matches()) {
      try {
        Object message = Json.read(json.group(1), Map.class).get("message");
        if (message instanceof String text && !text.isBlank()) {
          return text.strip();
        }
      } catch (RuntimeException e) {
        return detail.strip();
      }
    }
    return detail.strip();
  }
}
