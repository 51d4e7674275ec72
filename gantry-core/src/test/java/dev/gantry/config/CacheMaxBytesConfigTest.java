package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workflow_defaults.cache_max_bytes}: a size, 256 MiB by default. */
class CacheMaxBytesConfigTest {
  @TempDir Path dir;

  private long maxBytes(String yaml) {
    return new ConfigLoader().parse(yaml, dir).workflowDefaults().cacheMaxBytes();
  }

  @Test
  void defaultsTo256MiB() {
    assertThat(maxBytes("")).isEqualTo(256L * 1024 * 1024);
    assertThat(maxBytes("workflow_defaults: {max_retries: 1}")).isEqualTo(256L * 1024 * 1024);
  }

  @Test
  void takesBytesOrASizeWithAUnit() {
    assertThat(maxBytes("workflow_defaults: {cache_max_bytes: 1000}")).isEqualTo(1000);
    assertThat(maxBytes("workflow_defaults: {cache_max_bytes: 512m}")).isEqualTo(512L << 20);
    assertThat(maxBytes("workflow_defaults: {cache_max_bytes: 1g}")).isEqualTo(1L << 30);
    assertThat(maxBytes("workflow_defaults: {cache_max_bytes: \"64k\"}")).isEqualTo(64L << 10);
  }

  @Test
  void refusesNonPositiveAndNonSizes() {
    for (String bad : new String[] {"0", "-5", "lots", "true"}) {
      InvalidInputException e =
          catchThrowableOfType(
              InvalidInputException.class,
              () -> maxBytes("workflow_defaults: {cache_max_bytes: " + bad + "}"));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.problems())
          .extracting(Problem::toString)
          .singleElement()
          .asString()
          .startsWith("workflow_defaults.cache_max_bytes: expected a positive size");
    }
  }

  @Test
  void theEffectiveConfigurationShowsIt() {
    assertThat(ConfigLoader.describe(new ConfigLoader().parse("", dir)))
        .contains("cache_max_bytes: 268435456");
  }
}
