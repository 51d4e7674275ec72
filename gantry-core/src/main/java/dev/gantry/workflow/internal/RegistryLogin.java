package dev.gantry.workflow.internal;

import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.pipeline.StepRegistryCredentials;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.secret.SecretResolver;
import java.util.List;

/**
 * The login a step's image is pulled with ({@link dev.gantry.runtime.StepRequest}'s {@code
 * registry} and {@code credentials}): the step's own {@code registry_credentials}, for the registry
 * of its image, else the config's {@code container_credentials}, for {@code container_registry}
 * ({@value #DOCKER_HUB} when none is configured).
 *
 * @param registry the registry the credentials are for; null: the image's own registry
 * @param credentials the user and password, or null to pull without
 */
record RegistryLogin(String registry, RegistryCredentials credentials) {
  /** The registry of images without a registry part, and of credentials without a registry. */
  static final String DOCKER_HUB = "docker.io";

  static RegistryLogin of(StepSpec step, GantryConfig config, SecretResolver secrets) {
    StepRegistryCredentials own = step.registryCredentials();
    if (own != null) {
      String password =
          secrets.resolve(
              own.passwordSecret(),
              "step '" + step.name() + "' registry_credentials.password_secret");
      return new RegistryLogin(null, new RegistryCredentials(own.username(), password));
    }
    RegistryCredentials configured = config.containerCredentials();
    String registry = config.containerRegistry();
    if (configured != null && registry == null) {
      registry = DOCKER_HUB;
    }
    return new RegistryLogin(registry, configured);
  }

  /** The password, to be redacted wherever the step's text is stored. */
  List<String> secretValues() {
    return credentials == null || credentials.password() == null
        ? List.of()
        : List.of(credentials.password());
  }

  @Override
  public String toString() {
    return "RegistryLogin[registry=" + registry + ", credentials=" + credentials + "]";
  }
}
