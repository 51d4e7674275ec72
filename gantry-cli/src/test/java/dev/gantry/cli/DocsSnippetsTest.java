package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README code is compiled code: its Java tour is the body of {@link JavaApiTourIT}. */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void readmeJavaTourIsTheTestedTour() throws Exception {
    List<String> source =
        Files.readAllLines(
            ROOT.resolve("gantry-cli/src/test/java/dev/gantry/cli/JavaApiTourIT.java"));
    List<String> tour =
        dedent(
            source.subList(indexOf(source, "// tour:start") + 1, indexOf(source, "// tour:end")));
    String readme = Files.readString(ROOT.resolve("README.md"));
    String block =
        readme.substring(
            readme.indexOf("```java\n", readme.indexOf("<!-- snippet: java-tour -->")) + 8);
    block = block.substring(0, block.indexOf("```"));
    assertThat(block.lines().toList()).containsExactlyElementsOf(tour);
  }

  private static int indexOf(List<String> lines, String marker) {
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
