package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Json;
import org.junit.jupiter.api.Test;

/** The step key {@code registry_credentials}: a user name and the name of a password secret. */
class StepRegistryCredentialsTest {
  final PipelineParser parser = new PipelineParser("busybox:latest");

  private static final String PIPELINE =
      """
      steps:
        - name: private
          image: registry.local:5000/team/app:1
          command: ["true"]
          registry_credentials:
            username: ci-bot
            password_secret: REGISTRY_PASSWORD
      """;

  @Test
  void aStepNamesItsUserAndThePasswordSecret() {
    StepSpec step = parser.parseYaml(PIPELINE).step("private");

    assertThat(step.registryCredentials())
        .isEqualTo(new StepRegistryCredentials("ci-bot", "REGISTRY_PASSWORD"));
    assertThat(parser.parseYaml("steps: [{name: a, command: x}]").step("a").registryCredentials())
        .isNull();
  }

  @Test
  void survivesTheMapFormAndJson() {
    PipelineSpec spec = parser.parseYaml(PIPELINE);

    assertThat(parser.parse(PipelineParser.toMap(spec))).isEqualTo(spec);
    assertThat(PipelineParser.toYaml(spec))
        .contains(
            "registry_credentials:", "username: ci-bot", "password_secret: REGISTRY_PASSWORD");
    String json = Json.write(spec);
    assertThat(json).contains("\"registry_credentials\":{\"username\":\"ci-bot\"");
    assertThat(Json.read(json, PipelineSpec.class)).isEqualTo(spec);
  }

  @Test
  void aPasswordInThePipelineIsRefusedWithWhereToPutIt() {
    InvalidInputException e =
        problem(
            "steps: [{name: a, command: x, registry_credentials: {username: u, password: hunter2}}]");

    assertThat(e.problems())
        .containsExactly(
            new Problem(
                "steps[0].registry_credentials.password",
                "a password is not accepted in a pipeline definition; add it to the config's"
                    + " 'secrets' section (e.g. REGISTRY_PASSWORD: env:REGISTRY_PASSWORD) and name"
                    + " it with 'password_secret'"));
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @Test
  void missingAndMalformedKeysNameTheirPath() {
    assertThat(
            problem("steps: [{name: a, command: x, registry_credentials: {username: u}}]")
                .problems())
        .containsExactly(
            new Problem("steps[0].registry_credentials.password_secret", "is required"));
    assertThat(
            problem(
                    "steps: [{name: a, command: x,"
                        + " registry_credentials: {username: u, password_secret: 1bad}}]")
                .problems())
        .extracting(Problem::path)
        .containsExactly("steps[0].registry_credentials.password_secret");
    assertThat(
            problem(
                    "steps: [{name: a, command: x,"
                        + " registry_credentials: {user: u, password_secret: P}}]")
                .problems())
        .extracting(Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("unknown key 'user'", "username"))
        .anySatisfy(
            p -> assertThat(p).isEqualTo("steps[0].registry_credentials.username: is required"));
    assertThat(problem("steps: [{name: a, command: x, registry_credentials: u}]").problems())
        .extracting(Problem::path)
        .containsExactly("steps[0].registry_credentials");
  }

  private InvalidInputException problem(String yaml) {
    return catchThrowableOfType(InvalidInputException.class, () -> parser.parseYaml(yaml));
  }
}
