package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code runtime.max_parallel_workflows}: the default concurrency of batches. */
class BatchConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsToFour() {
    assertThat(loader.parse("{}", Path.of(".")).runtime().maxParallelWorkflows()).isEqualTo(4);
  }

  @Test
  void isRead() {
    GantryConfig config = loader.parse("runtime: {max_parallel_workflows: 7}", Path.of("."));
    assertThat(config.runtime().maxParallelWorkflows()).isEqualTo(7);
    assertThat(ConfigLoader.describe(config)).contains("max_parallel_workflows: 7");
  }

  @Test
  void mustBePositive() {
    assertThatThrownBy(() -> loader.parse("runtime: {max_parallel_workflows: 0}", Path.of(".")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("runtime.max_parallel_workflows: expected a positive integer, got 0");
  }
}
