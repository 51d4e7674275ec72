package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration examples of {@code docs/runtimes.md} load and select this runtime. */
class RuntimesDocsTest {
  static final Path DOC = Path.of("..", "docs", "runtimes.md");
  private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern HEREDOC = Pattern.compile("<<'YAML'\\n(.*?)YAML\\n", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void everyConfigurationExampleSelectsTheDaggerRuntime() throws IOException {
    String doc = Files.readString(DOC);
    List<String> examples = new ArrayList<>();
    for (Pattern p : List.of(YAML, HEREDOC)) {
      Matcher m = p.matcher(doc);
      while (m.find()) {
        examples.add(m.group(1));
      }
    }

    assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
    for (String example : examples) {
      GantryConfig config = new ConfigLoader(Map.of()).parse(example, dir);
      assertThat(config.runtime().type()).as(example).isEqualTo("dagger");
    }
  }

  @Test
  void theReadmeSaysWhatTheDaggerRuntimeIsTestedAgainst() throws IOException {
    assertThat(Files.readString(Path.of("..", "README.md")))
        .contains(
            "validated against the Dagger API schema; live-tested when a Dagger session is"
                + " available");
  }
}
