package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step's own login to the registry of its image, the step key {@code registry_credentials}:
 *
 * <pre>{@code
 * registry_credentials:
 *   username: ci-bot
 *   password_secret: REGISTRY_PASSWORD   # a name from the config's secrets section
 * }</pre>
 *
 * <p>A pipeline definition never holds the password itself: it names a secret of the config's
 * {@code secrets} section, resolved when the step runs. The credentials are sent only when pulling
 * this step's image, to that image's registry, and take the place of the config's {@code
 * container_credentials} for it.
 *
 * @param username the registry user
 * @param passwordSecret the name of the secret holding the password or token
 */
public record StepRegistryCredentials(
    String username, @JsonProperty("password_secret") String passwordSecret) {
  public StepRegistryCredentials {
    if (username == null || username.isBlank()) {
      throw new InvalidInputException("registry_credentials.username", "is required");
    }
    if (passwordSecret == null || !StepSpec.ENV_NAME.matcher(passwordSecret).matches()) {
      throw new InvalidInputException(
          "registry_credentials.password_secret",
          "expected the name of a secret from the config's 'secrets' section (letters, digits"
              + " and '_' not starting with a digit), got "
              + (passwordSecret == null ? "nothing" : "'" + passwordSecret + "'"));
    }
  }

  /** The documented map form. */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("username", username);
    map.put("password_secret", passwordSecret);
    return map;
  }
}
