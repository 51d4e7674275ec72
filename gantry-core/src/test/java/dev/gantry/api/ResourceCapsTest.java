package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.api.internal.ResourceCaps;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.Resources;
import org.junit.jupiter.api.Test;

/** {@code runtime.max_resources} caps managed containers and pipeline steps alike. */
class ResourceCapsTest {
  private static final long MB = 1024 * 1024;
  private static final RuntimeConfig CAPPED =
      new RuntimeConfig(
          "docker",
          null,
          "busybox:latest",
          4,
          new Resources(512 * MB, 1.0, 256L),
          65536,
          new Resources(1024 * MB, null, 512L),
          null,
          RuntimeConfig.DEFAULT_MAX_PARALLEL_WORKFLOWS);

  private static PipelineSpec pipeline(String yaml) {
    return new PipelineParser("busybox:latest").parse(yaml);
  }

  @Test
  void stepsWithinTheCapsOrWithTheDefaultsPass() {
    assertThatCode(
            () ->
                ResourceCaps.steps(
                    pipeline(
                        "{steps: [{name: a, command: [x], resources: {memory: 1g, cpus: 64}},"
                            + " {name: b, command: [y]}]}"),
                    CAPPED))
        .doesNotThrowAnyException();
  }

  @Test
  void aStepAboveACapIsRefusedNamingTheStepAndTheCap() {
    assertThatThrownBy(
            () ->
                ResourceCaps.steps(
                    pipeline(
                        "{steps: [{name: a, command: [x]},"
                            + " {name: b, command: [y], resources: {memory: 2g, pids: 1000}}]}"),
                    CAPPED))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "steps[1].resources.memory: at most 1g is allowed (runtime.max_resources.memory)")
        .hasMessageContaining(
            "steps[1].resources.pids: at most 512 is allowed (runtime.max_resources.pids)");
  }

  @Test
  void withoutCapsAnythingGoes() {
    assertThat(
            ResourceCaps.container(
                new Resources(64L * 1024 * MB, 512.0, null), RuntimeConfig.DEFAULT))
        .isEqualTo(new Resources(64L * 1024 * MB, 512.0, 256L));
  }
}
