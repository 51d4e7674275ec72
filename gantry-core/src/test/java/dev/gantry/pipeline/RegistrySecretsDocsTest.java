package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.ConfigLoader;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML examples of {@code docs/registries-and-secrets.md} load as documented. */
class RegistrySecretsDocsTest {
  static final Path DOC = Path.of("..", "docs", "registries-and-secrets.md");
  static final Pattern YAML = Pattern.compile("(?m)^```yaml\\n(.*?)^```$", Pattern.DOTALL);

  @TempDir Path dir;

  private static List<String> yamlBlocks() throws Exception {
    Matcher m = YAML.matcher(Files.readString(DOC));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void theConfigAndThePipelineExamplesLoad() throws Exception {
    List<String> blocks = yamlBlocks();
    assertThat(blocks).hasSize(2);

    Path file = Files.writeString(dir.resolve("gantry.yaml"), blocks.get(0));
    GantryConfig config = new ConfigLoader(Map.of("REGISTRY_PASSWORD", "pw")).load(file);
    assertThat(config.containerRegistry()).isEqualTo("registry.local:5000");
    assertThat(config.containerCredentials()).isEqualTo(new RegistryCredentials("gantry", "pw"));
    assertThat(config.secrets()).containsKeys("PARTNER_REGISTRY_TOKEN", "API_TOKEN");

    PipelineSpec pipeline = new PipelineParser(null).parseYaml(blocks.get(1));
    assertThat(pipeline.step("build").registryCredentials()).isNull();
    assertThat(pipeline.step("scan").registryCredentials())
        .isEqualTo(new StepRegistryCredentials("ci-bot", "PARTNER_REGISTRY_TOKEN"));
    assertThat(config.secrets())
        .containsKey(pipeline.step("scan").registryCredentials().passwordSecret());
  }
}
