package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.testkit.StepRequestBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How a step request becomes a Dagger plan. */
class StepPlanTest {
  private static final Path EXPORTS = Path.of("/tmp/x/outputs");

  @Test
  void envVarsHoldingSecretValuesBecomeDaggerSecrets() {
    StepPlan plan =
        StepPlan.of(
            StepRequestBuilder.step("s")
                .argv("env")
                .env("PLAIN", "visible")
                .env("TOKEN", "t0k")
                .env("EMPTY", "")
                .redactions("t0k", "")
                .build(),
            null,
            EXPORTS);

    assertThat(plan.secretEnv()).containsOnlyKeys("TOKEN");
    assertThat(plan.plainEnv()).containsOnlyKeys("PLAIN", "EMPTY");
    assertThat(plan.toString()).doesNotContain("t0k");
  }

  @Test
  void outputsAreExportedFilteredToTheirPath() {
    StepPlan plan =
        StepPlan.of(
            StepRequestBuilder.step("o").argv("true").outputs("/work/out/", "/w/a*b[1]?").build(),
            null,
            EXPORTS);

    assertThat(plan.outputs().get(0).include()).isEqualTo("work/out");
    assertThat(plan.outputs().get(0).exportDirectory()).isEqualTo(EXPORTS.resolve("o0"));
    assertThat(plan.outputs().get(0).exported()).isEqualTo(EXPORTS.resolve("o0/work/out"));
    assertThat(plan.outputs().get(1).include()).isEqualTo("w/a\\*b\\[1\\]\\?");
    assertThat(plan.outputs().get(1).exported()).isEqualTo(EXPORTS.resolve("o1/w/a*b[1]?"));
  }

  @Test
  void relativeOrRootOutputsAndEmptyCommandsAreRefused() {
    assertThatThrownBy(
            () ->
                StepPlan.of(
                    StepRequestBuilder.step("o").argv("true").outputs("out").build(),
                    null,
                    EXPORTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StepPlan.of(StepRequestBuilder.step("nothing").build(), null, EXPORTS))
        .hasMessageContaining("nothing")
        .hasMessageContaining("needs a command");
  }

  @Test
  void credentialsGoOnlyToTheirRegistry() {
    RegistryCredentials c = new RegistryCredentials("u", "p");

    assertThat(StepPlan.registryAuth("busybox:latest", "docker.io", c)).isNotNull();
    assertThat(StepPlan.registryAuth("busybox:latest", "index.docker.io", c)).isNotNull();
    assertThat(StepPlan.registryAuth("reg.example:5000/a/b:1", "reg.example:5000", c)).isNotNull();
    assertThat(StepPlan.registryAuth("ghcr.io/a/b", "reg.example", c)).isNull();
    assertThat(StepPlan.registryAuth("ghcr.io/a/b", null, c)).isNotNull();
    assertThat(StepPlan.registryAuth("ghcr.io/a/b", null, null)).isNull();
    assertThat(StepPlan.registryAuth("ghcr.io/a/b", null, c).toString()).doesNotContain("=p,");
  }

  @Test
  void blankWorkdirAndUserAreLeftToTheImage() {
    StepPlan plan =
        StepPlan.of(
            StepRequestBuilder.step("w").argv("pwd").workdir(" ").user("").build(), null, EXPORTS);

    assertThat(plan.workdir()).isNull();
    assertThat(plan.user()).isNull();
  }
}
