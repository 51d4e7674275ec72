package dev.gantry.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.secret.SecretResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryLoginTest {
  static final RegistryCredentials CONFIGURED = new RegistryCredentials("cfg", "cfg-pw");
  final SecretResolver secrets =
      new SecretResolver(Map.of("PW", "env:PW_VAR"), Map.of("PW_VAR", "step-pw"));

  private static StepSpec step(String yaml) {
    return new PipelineParser("busybox:latest").parseYaml("steps: [" + yaml + "]").steps().get(0);
  }

  private static GantryConfig config(String registry, RegistryCredentials credentials) {
    GantryConfig d = GantryConfig.defaults();
    return new GantryConfig(
        registry,
        credentials,
        d.workflowDirectory(),
        d.workflowDefaults(),
        d.circuitBreaker(),
        d.runtime(),
        d.store(),
        d.security(),
        d.secrets(),
        d.templatesDir(),
        d.dataDirectory(),
        d.logging());
  }

  @Test
  void withoutCredentialsNothingIsSent() {
    RegistryLogin login =
        RegistryLogin.of(step("{name: a, command: x}"), config(null, null), secrets);
    assertThat(login).isEqualTo(new RegistryLogin(null, null));
    assertThat(login.secretValues()).isEmpty();
  }

  @Test
  void configCredentialsAreForContainerRegistryElseForDockerHub() {
    StepSpec step = step("{name: a, command: x}");
    assertThat(RegistryLogin.of(step, config("reg.example:5000", CONFIGURED), secrets))
        .isEqualTo(new RegistryLogin("reg.example:5000", CONFIGURED));
    assertThat(RegistryLogin.of(step, config(null, CONFIGURED), secrets))
        .isEqualTo(new RegistryLogin("docker.io", CONFIGURED));
  }

  @Test
  void aStepsOwnCredentialsWinAndAreForItsImagesRegistry() {
    RegistryLogin login =
        RegistryLogin.of(
            step(
                "{name: a, command: x, registry_credentials: {username: me, password_secret: PW}}"),
            config("reg.example:5000", CONFIGURED),
            secrets);

    assertThat(login).isEqualTo(new RegistryLogin(null, new RegistryCredentials("me", "step-pw")));
    assertThat(login.secretValues()).containsExactly("step-pw");
    assertThat(login.toString()).doesNotContain("step-pw");
  }
}
