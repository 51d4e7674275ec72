package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/batches.md's Java example is the body of {@link BatchIT#docsExample()}, which runs it. */
class BatchDocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void javaExampleIsTheTestedOne() throws Exception {
    List<String> source =
        Files.readAllLines(ROOT.resolve("gantry-cli/src/test/java/dev/gantry/cli/BatchIT.java"));
    List<String> example =
        dedent(
            source.subList(index(source, "// batches:start") + 1, index(source, "// batches:end")));
    String page = Files.readString(ROOT.resolve("docs/batches.md"));
    String block =
        page.substring(
            page.indexOf("```java\n", page.indexOf("<!-- snippet: batch-example -->")) + 8);
    block = block.substring(0, block.indexOf("```"));
    assertThat(block.lines().toList()).containsExactlyElementsOf(example);
  }

  private static int index(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker " + marker + " not found");
  }

  private static List<String> dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }
}
