package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples of {@code docs/configuration.md}: every {@code ```yaml} block loads, every
 * {@code ```yaml invalid} block fails with the message of the {@code ```text} block after it, and
 * every known key is documented.
 */
class ConfigDocsTest {
  static final Path DOC = Path.of("..", "docs", "configuration.md");
  static final Pattern BLOCK =
      Pattern.compile("(?m)^```(\\w*)( invalid)?\\n(.*?)^```$", Pattern.DOTALL);
  static final Map<String, String> ENVIRONMENT =
      Map.of("REGISTRY_PASSWORD", "registry-pass", "DB_PASSWORD", "db-pass");

  record Block(String language, boolean invalid, String text) {}

  @TempDir Path dir;

  static List<Block> blocks() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(new Block(m.group(1), m.group(2) != null, m.group(3)));
    }
    return blocks;
  }

  @Test
  void everyYamlExampleLoads() throws Exception {
    List<Block> examples =
        blocks().stream().filter(b -> b.language().equals("yaml") && !b.invalid()).toList();

    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    ConfigLoader loader = new ConfigLoader(ENVIRONMENT);
    for (Block example : examples) {
      Path file = Files.writeString(dir.resolve("gantry.yaml"), example.text());
      GantryConfig config = loader.load(file);
      assertThat(config).as(example.text()).isNotNull();
    }
  }

  @Test
  void everyInvalidExampleFailsWithTheDocumentedMessage() throws Exception {
    List<Block> blocks = blocks();
    int checked = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).invalid()) {
        Block expected = blocks.get(i + 1);
        assertThat(expected.language()).isEqualTo("text");
        String yaml = blocks.get(i).text();
        InvalidInputException e =
            catchThrowableOfType(
                InvalidInputException.class, () -> new ConfigLoader(ENVIRONMENT).parse(yaml, dir));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected.text().strip());
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void everyKnownKeyIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    for (Map.Entry<String, List<String>> section : ConfigReader.KEYS.entrySet()) {
      if (!section.getKey().isEmpty() && !section.getKey().contains(".")) {
        assertThat(doc).contains("### `" + section.getKey() + "`");
      }
      for (String key : section.getValue()) {
        assertThat(doc).as(section.getKey() + "." + key).contains("`" + key + "`");
      }
    }
  }
}
