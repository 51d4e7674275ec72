package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code docs/cli.md} documents every command of the command line, and every option where its
 * command is documented: root options under "Global options", a top-level command's options in its
 * section, a subcommand's options in its table row.
 */
class CliDocsTest {
  private static final Path DOC = Path.of("..", "docs", "cli.md");

  @Test
  void everyCommandAndOptionIsDocumented() throws Exception {
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    check(GantryCommand.commandLine(), "", doc, missing, seen);

    assertThat(seen)
        .contains("demo", "project import", "task pipeline", "workflow logs", "config check");
    assertThat(missing).isEmpty();
  }

  private static void check(
      CommandLine command, String path, String doc, List<String> missing, List<String> seen) {
    String place = place(doc, path);
    if (!path.isEmpty()) {
      seen.add(path);
    }
    if (place.isEmpty()) {
      missing.add("command '" + path + "'");
    }
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (option.inherited()
          || command.getCommand() instanceof CommandLine.HelpCommand
          || (option.usageHelp() || option.versionHelp()) && command.getParent() != null) {
        continue;
      }
      String name = option.longestName();
      if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])")
          .matcher(place)
          .find()) {
        missing.add("option " + name + " of '" + path + "'");
      }
    }
    command
        .getSubcommands()
        .forEach((name, sub) -> check(sub, (path + " " + name).strip(), doc, missing, seen));
  }

  /** Where {@code path} is documented: a section for the root and top-level commands, else rows. */
  private static String place(String doc, String path) {
    if (path.isEmpty()) {
      return section(doc, "## Global options");
    }
    if (!path.contains(" ")) {
      return section(doc, "### `gantry " + path);
    }
    return doc.lines()
        .filter(l -> l.contains("`" + path + " ") || l.contains("`" + path + "`"))
        .collect(Collectors.joining("\n"));
  }

  private static String section(String doc, String header) {
    int start = doc.indexOf(header);
    if (start < 0) {
      return "";
    }
    int end = doc.indexOf("\n#", start + header.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }
}
