package dev.gantry.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.WorkflowDefaults;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.pipeline.StepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pipeline examples of docs/caching.md and docs/resilience.md parse and say what they do. */
class ResilienceDocsTest {
  static final Pattern YAML = Pattern.compile("(?m)^```yaml\\n(.*?)^```$", Pattern.DOTALL);
  private final PipelineParser parser = new PipelineParser("busybox:latest");

  static List<String> examples(String doc) throws Exception {
    Matcher m = YAML.matcher(Files.readString(Path.of("..", "docs", doc)));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void cachingExamplesParse() throws Exception {
    List<String> examples = examples("caching.md");
    assertThat(examples).isNotEmpty();
    PipelineSpec spec = parser.parseYaml(examples.get(0));
    assertThat(spec.step("fetch").cache().never()).isTrue();
    assertThat(spec.step("build").cache().ttlSeconds()).isEqualTo(86400);
  }

  @Test
  void theRetryExampleWaitsAsTheDocSays() throws Exception {
    List<String> examples = examples("resilience.md");
    assertThat(examples).hasSize(2);
    StepSpec upload = parser.parseYaml(examples.get(0)).step("upload");
    RetryPolicy policy = RetryPolicy.of(WorkflowDefaults.DEFAULT, upload.retry());

    assertThat(upload.retryableExitCodes()).containsExactly(75);
    assertThat(policy.maxAttempts()).isEqualTo(6);
    assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> policy.delay(n, new Random())).toList())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8));
    StepSpec tests = parser.parseYaml(examples.get(1)).step("integration-tests");
    assertThat(tests.timeoutSeconds()).isEqualTo(300);
    assertThat(tests.totalTimeoutSeconds()).isEqualTo(900);
  }
}
