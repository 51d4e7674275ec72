package dev.gantry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.InvalidInputException;
import dev.gantry.config.ConfigLoader;
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
 * Runs the examples of {@code docs/pipelines.md}: every {@code ```yaml} and {@code ```json} block
 * parses as a pipeline definition, every {@code ```yaml invalid} block fails with the message of
 * the {@code ```text} block after it, every {@code ```yaml config} block loads as a configuration,
 * and every key the parser knows is documented.
 */
class PipelineDocsTest {
  static final Path DOC = Path.of("..", "docs", "pipelines.md");
  static final Pattern BLOCK =
      Pattern.compile("(?m)^```(\\w*)( invalid| config)?\\n(.*?)^```$", Pattern.DOTALL);

  record Block(String language, String marker, String text) {
    boolean is(String lang, String mark) {
      return language.equals(lang) && marker.equals(mark);
    }
  }

  @TempDir Path dir;

  private final PipelineParser parser = new PipelineParser("busybox:latest");

  static List<Block> blocks() throws Exception {
    Matcher m = BLOCK.matcher(Files.readString(DOC));
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      String marker = m.group(2) == null ? "" : m.group(2).strip();
      blocks.add(new Block(m.group(1), marker, m.group(3)));
    }
    return blocks;
  }

  @Test
  void everyPipelineExampleParses() throws Exception {
    List<Block> examples = blocks().stream().filter(b -> b.is("yaml", "")).toList();

    assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
    for (Block example : examples) {
      PipelineSpec spec = parser.parseYaml(example.text());
      assertThat(spec.steps()).as(example.text()).isNotEmpty();
    }
  }

  @Test
  void everyJsonExampleParses() throws Exception {
    List<Block> examples = blocks().stream().filter(b -> b.is("json", "")).toList();

    assertThat(examples).isNotEmpty();
    for (Block example : examples) {
      assertThat(parser.parseJson(example.text()).steps()).as(example.text()).isNotEmpty();
    }
  }

  @Test
  void everyInvalidExampleFailsWithTheDocumentedMessage() throws Exception {
    List<Block> blocks = blocks();
    int checked = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).is("yaml", "invalid")) {
        Block expected = blocks.get(i + 1);
        assertThat(expected.language()).isEqualTo("text");
        String yaml = blocks.get(i).text();
        InvalidInputException e =
            catchThrowableOfType(InvalidInputException.class, () -> parser.parseYaml(yaml));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected.text().strip());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyConfigExampleLoads() throws Exception {
    List<Block> examples = blocks().stream().filter(b -> b.is("yaml", "config")).toList();

    assertThat(examples).isNotEmpty();
    for (Block example : examples) {
      assertThat(new ConfigLoader(Map.of()).parse(example.text(), dir).secrets())
          .as(example.text())
          .isNotEmpty();
    }
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    List<String> keys = new ArrayList<>(PipelineParser.KEYS);
    keys.addAll(StepParser.KEYS);
    for (String key : keys) {
      assertThat(doc).as(key).contains("`" + key + "`");
    }
  }
}
