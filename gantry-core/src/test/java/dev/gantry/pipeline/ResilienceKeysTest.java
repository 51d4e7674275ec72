package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step keys of caching, retries and timeouts: parsed, validated and written back. */
class ResilienceKeysTest {
  private final PipelineParser parser = new PipelineParser("busybox:latest");

  static final String YAML =
      """
      steps:
        - name: fetch
          command: [wget, x]
          cache: never
          retry: {max_retries: 5, backoff_factor: 1.5, jitter: false, max_delay_seconds: 20}
          retryable_exit_codes: [75, 4]
          timeout_seconds: 30
          total_timeout_seconds: 120
        - name: build
          command: make
          cache: {ttl_seconds: 600, salt: v2}
          retry: {max_retries: 0}
        - name: test
          command: make test
      """;

  @Test
  void keysAreReadIntoTheSpec() {
    PipelineSpec spec = parser.parseYaml(YAML);

    StepSpec fetch = spec.step("fetch");
    assertThat(fetch.cache()).isEqualTo(StepCache.NEVER);
    assertThat(fetch.retry()).isEqualTo(new StepRetry(5, 1.5, false, 20.0));
    assertThat(fetch.retryableExitCodes()).containsExactly(75, 4);
    assertThat(fetch.timeoutSeconds()).isEqualTo(30);
    assertThat(fetch.totalTimeoutSeconds()).isEqualTo(120);
    StepSpec build = spec.step("build");
    assertThat(build.cache()).isEqualTo(new StepCache(false, 600L, "v2"));
    assertThat(build.retry()).isEqualTo(new StepRetry(0, null, null, null));
    StepSpec test = spec.step("test");
    assertThat(test.cache()).isEqualTo(StepCache.DEFAULT);
    assertThat(test.retry()).isEqualTo(StepRetry.DEFAULT);
    assertThat(test.retryableExitCodes()).isEmpty();
    assertThat(test.totalTimeoutSeconds()).isNull();
  }

  @Test
  void theMapFormAndTheStoredJsonReadBackToTheSameSpec() {
    PipelineSpec spec = parser.parseYaml(YAML);
    Map<String, Object> map = PipelineParser.toMap(spec);

    assertThat(parser.parse(map)).isEqualTo(spec);
    assertThat(parser.parseYaml(PipelineParser.toYaml(spec))).isEqualTo(spec);
    assertThat(Json.read(Json.write(spec), PipelineSpec.class)).isEqualTo(spec);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) map.get("steps");
    assertThat(steps.get(0))
        .containsEntry("cache", "never")
        .containsEntry("retryable_exit_codes", List.of(75, 4))
        .containsEntry("total_timeout_seconds", 120);
    assertThat(steps.get(1)).containsEntry("cache", Map.of("ttl_seconds", 600L, "salt", "v2"));
    assertThat(steps.get(2))
        .doesNotContainKeys("cache", "retry", "retryable_exit_codes", "total_timeout_seconds");
  }

  @Test
  void storedStepsWithoutTheKeysReadWithDefaults() {
    String old =
        "{\"name\":\"p\",\"steps\":[{\"name\":\"a\",\"image\":\"busybox\","
            + "\"command\":[\"true\"]}]}";
    StepSpec a = Json.read(old, PipelineSpec.class).step("a");
    assertThat(a.cache()).isEqualTo(StepCache.DEFAULT);
    assertThat(a.retry()).isEqualTo(StepRetry.DEFAULT);
  }

  @Test
  void badValuesNameTheirPath() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () ->
                parser.parseYaml(
                    """
                    steps:
                      - name: a
                        command: x
                        cache: sometimes
                        retry: {max_retries: -1, backof_factor: 2}
                        retryable_exit_codes: [0, 75, 256, x]
                        total_timeout_seconds: 0
                      - name: b
                        command: x
                        cache: {ttl_seconds: 0}
                        retry: 3
                        retryable_exit_codes: 75
                    """));

    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "steps[0].cache: expected 'never' or an object with ttl_seconds and/or salt, got"
                + " 'sometimes'",
            "steps[0].retry: unknown key 'backof_factor' (did you mean 'backoff_factor'? known"
                + " keys: backoff_factor, jitter, max_delay_seconds, max_retries)",
            "steps[0].retry.max_retries: expected a non-negative integer, got -1",
            "steps[0].retryable_exit_codes[0]: expected an exit code from 1 to 255, got a number"
                + " (0)",
            "steps[0].retryable_exit_codes[2]: expected an exit code from 1 to 255, got a number"
                + " (256)",
            "steps[0].retryable_exit_codes[3]: expected an exit code from 1 to 255, got 'x'",
            "steps[0].total_timeout_seconds: expected a positive integer, got 0",
            "steps[1].cache.ttl_seconds: expected a positive integer, got 0",
            "steps[1].retry: expected an object, got a number (3)",
            "steps[1].retryable_exit_codes: expected a list of exit codes from 1 to 255, got a"
                + " number (75)");
  }
}
