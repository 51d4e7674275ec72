package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AuthConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.RegistryAuthException;
import org.junit.jupiter.api.Test;

class PullCredentialsTest {
  static final RegistryCredentials CREDS = new RegistryCredentials("ci-bot", "pa55-w0rd");
  static final ImageRef PRIVATE = ImageRef.parse("127.0.0.1:5000/team/app:1");
  static final ImageRef HUB = ImageRef.parse("busybox:latest");

  @Test
  void credentialsForANamedRegistryGoToItsImagesOnly() {
    AuthConfig auth = PullCredentials.authFor(PRIVATE, "127.0.0.1:5000", CREDS);
    assertThat(auth.getUsername()).isEqualTo("ci-bot");
    assertThat(auth.getPassword()).isEqualTo("pa55-w0rd");
    assertThat(auth.getRegistryAddress()).isEqualTo("127.0.0.1:5000");

    assertThat(PullCredentials.authFor(HUB, "127.0.0.1:5000", CREDS)).isNull();
    assertThat(PullCredentials.authFor(PRIVATE, "docker.io", CREDS)).isNull();
    assertThat(PullCredentials.authFor(PRIVATE, "127.0.0.1:5000", null)).isNull();
  }

  @Test
  void dockerHubCredentialsGoToImagesWithoutARegistryPart() {
    assertThat(PullCredentials.authFor(HUB, "docker.io", CREDS)).isNotNull();
    assertThat(PullCredentials.authFor(HUB, "https://index.docker.io/v1/", CREDS)).isNotNull();
    assertThat(HUB.registryHost()).isEqualTo("docker.io");
  }

  @Test
  void aStepsOwnCredentialsGoToTheRegistryOfItsImage() {
    assertThat(PullCredentials.authFor(PRIVATE, null, CREDS).getRegistryAddress())
        .isEqualTo("127.0.0.1:5000");
    assertThat(PullCredentials.authFor(HUB, null, CREDS).getRegistryAddress())
        .isEqualTo(AuthConfig.DEFAULT_SERVER_ADDRESS);
  }

  @Test
  void theDaemonsAuthErrorsAreRefusalsButAMissingRepositoryIsNot() {
    assertThat(
            PullCredentials.refused(
                "Status 500: {\"message\":\"Head \\\"http://127.0.0.1:5000/v2/team/app/manifests/1\\\":"
                    + " no basic auth credentials\"}"))
        .isTrue();
    assertThat(PullCredentials.refused("unauthorized: authentication required")).isTrue();
    assertThat(PullCredentials.refused("manifest for x:1 not found: manifest unknown")).isFalse();
    assertThat(
            PullCredentials.refused(
                "pull access denied for nope, repository does not exist or may require 'docker"
                    + " login': denied: requested access to the resource is denied"))
        .isFalse();
  }

  @Test
  void withoutCredentialsTheErrorSaysWhichKeysToSet() {
    RegistryAuthException e =
        PullCredentials.refusedError(
            "127.0.0.1:5000/team/app:1",
            null,
            null,
            "Status 500: {\"message\":\"Head \\\"http://127.0.0.1:5000/v2/team/app/manifests/1\\\":"
                + " no basic auth credentials\"}\n",
            null);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo(
            "Pulling image 127.0.0.1:5000/team/app:1 was refused by registry 127.0.0.1:5000 as"
                + " unauthorized (Head \"http://127.0.0.1:5000/v2/team/app/manifests/1\": no basic"
                + " auth credentials). No credentials were sent to it: set registry_credentials"
                + " {username, password_secret} on the step, or container_credentials {username,"
                + " password} in the config with container_registry: 127.0.0.1:5000.");
  }

  @Test
  void configCredentialsForAnotherRegistryAreNamed() {
    String message =
        PullCredentials.refusedError(
                "127.0.0.1:5000/team/app:1", "registry.example", CREDS, "unauthorized", null)
            .getMessage();
    assertThat(message)
        .contains(
            "No credentials were sent to it (container_credentials are only sent to"
                + " container_registry registry.example)")
        .doesNotContain("pa55-w0rd");
  }

  @Test
  void rejectedCredentialsNameTheUserAndWhereTheyCameFromButNeverThePassword() {
    String fromConfig =
        PullCredentials.refusedError(
                "127.0.0.1:5000/team/app:1",
                "127.0.0.1:5000",
                CREDS,
                "unauthorized: authentication required (tried pa55-w0rd)",
                null)
            .getMessage();
    assertThat(fromConfig)
        .contains(
            "as unauthorized (unauthorized: authentication required (tried ***))",
            "rejected the credentials of user 'ci-bot' (container_credentials for"
                + " container_registry 127.0.0.1:5000)")
        .doesNotContain("pa55-w0rd");

    String fromStep =
        PullCredentials.refusedError("127.0.0.1:5000/team/app:1", null, CREDS, "unauthorized", null)
            .getMessage();
    assertThat(fromStep)
        .contains(
            "(the step's registry_credentials): check the username and the password in the secret"
                + " named by password_secret.");
  }
}
