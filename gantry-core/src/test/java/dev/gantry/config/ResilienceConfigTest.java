package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow_defaults keys of retries and the step cache. */
class ResilienceConfigTest {
  @TempDir Path dir;

  private GantryConfig parse(String yaml) {
    return new ConfigLoader(Map.of()).parse(yaml, dir);
  }

  @Test
  void defaultsAndGivenValues() {
    WorkflowDefaults defaults = parse("{}").workflowDefaults();
    assertThat(defaults.retryMaxDelaySeconds()).isEqualTo(30);
    assertThat(defaults.cacheSalt()).isEmpty();

    WorkflowDefaults given =
        parse("workflow_defaults: {retry_max_delay_seconds: 2.5, cache_salt: '2025-02'}")
            .workflowDefaults();
    assertThat(given.retryMaxDelaySeconds()).isEqualTo(2.5);
    assertThat(given.cacheSalt()).isEqualTo("2025-02");
    assertThat(given.maxRetries()).isEqualTo(3);
  }

  @Test
  void describedConfigKeepsTheKeys() {
    GantryConfig config = parse("workflow_defaults: {retry_max_delay_seconds: 4, cache_salt: abc}");
    assertThat(ConfigLoader.describe(config))
        .contains("retry_max_delay_seconds: 4.0", "cache_salt: abc");
    assertThat(parse(ConfigLoader.describe(config))).isEqualTo(config);
  }

  @Test
  void badValuesNameTheKey() {
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> parse("workflow_defaults: {retry_max_delay_seconds: -1, cache_salt: [a]}"));
    assertThat(e.problems())
        .extracting(Object::toString)
        .containsExactly(
            "workflow_defaults.retry_max_delay_seconds: expected a non-negative number, got -1",
            "workflow_defaults.cache_salt: expected a string, got a list");
  }
}
