package dev.gantry.pipeline.template;

import static dev.gantry.pipeline.template.ShellQuoting.Context.DOUBLE_QUOTED;
import static dev.gantry.pipeline.template.ShellQuoting.Context.ESCAPED;
import static dev.gantry.pipeline.template.ShellQuoting.Context.SINGLE_QUOTED;
import static dev.gantry.pipeline.template.ShellQuoting.Context.UNQUOTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.pipeline.template.Placeholders.Ref;
import dev.gantry.pipeline.template.Placeholders.Text;
import dev.gantry.pipeline.template.ShellQuoting.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuotingTest {
  static Stream<Arguments> scripts() {
    return Stream.of(
        of("echo ${a}", UNQUOTED),
        of("echo --name=${a}x", UNQUOTED),
        of("echo \"hello ${a}\"", DOUBLE_QUOTED),
        of("echo 'hello ${a}'", SINGLE_QUOTED),
        of("echo 'it''s' ${a}", UNQUOTED),
        of("echo \"it's ${a}\" '${b}'", DOUBLE_QUOTED, SINGLE_QUOTED),
        of("echo \\${a} \"\\${b}\" \\\\${c}", ESCAPED, ESCAPED, UNQUOTED),
        of("echo \"$(echo ${a})\"", UNQUOTED),
        of("echo \"$(echo \"${a}\")\" ${b}", DOUBLE_QUOTED, UNQUOTED),
        of("x=$(( 1 + ${a} )); echo \"${b}\"", UNQUOTED, DOUBLE_QUOTED),
        of("echo `echo ${a}` \"`echo ${b}`\"", UNQUOTED, UNQUOTED),
        of("echo $${HOME:-${a}} \"$${X:-${b}}\"", UNQUOTED, DOUBLE_QUOTED),
        of("echo $'tab\\t${a}' ${b}", SINGLE_QUOTED, UNQUOTED),
        of("# don't ${a}\necho ${b}", UNQUOTED, UNQUOTED),
        of("echo a#${a}", UNQUOTED),
        of("cat <<EOF\nhello ${a} 'x'\nEOF\necho ${b}", DOUBLE_QUOTED, UNQUOTED),
        of("cat <<'EOF'\nhello ${a}\nEOF\necho \"${b}\"", SINGLE_QUOTED, DOUBLE_QUOTED),
        of("cat <<-\"END\" > f\n\thi ${a}\n\tEND\necho ${b}", SINGLE_QUOTED, UNQUOTED),
        of("cat <<EOF; echo ${a}\nbody ${b}\nEOF\n${c}", UNQUOTED, DOUBLE_QUOTED, UNQUOTED),
        of("echo \"a\nb ${a}\"", DOUBLE_QUOTED),
        of("case ${a} in x) echo \"${b}\";; esac", UNQUOTED, DOUBLE_QUOTED));
  }

  private static Arguments of(String script, Context... contexts) {
    return Arguments.of(script, List.of(contexts));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void findsTheQuotingOfEachPlaceholder(String script, List<Context> expected) {
    List<Problem> problems = new ArrayList<>();
    var segments = Placeholders.parse(script, "command", problems);
    assertThat(problems).isEmpty();
    assertThat(ShellQuoting.contexts(segments)).isEqualTo(expected);
  }

  @Test
  void referencesMatchTheirContext() {
    Ref ref = new Ref("file-name");
    assertThat(ShellQuoting.reference(ref, UNQUOTED)).isEqualTo("\"$GANTRY_PARAM_FILE_NAME\"");
    assertThat(ShellQuoting.reference(ref, DOUBLE_QUOTED)).isEqualTo("${GANTRY_PARAM_FILE_NAME}");
    assertThat(new Ref("task.id").envName()).isEqualTo("GANTRY_TASK_ID");
    assertThat(new Ref("task.metadata.build-id").envName())
        .isEqualTo("GANTRY_TASK_METADATA_BUILD_ID");
  }

  @Test
  void placeholdersParseWithEscapes() {
    List<Problem> problems = new ArrayList<>();
    assertThat(Placeholders.parse("a $${b} $c ${d}e $$ x", "p", problems))
        .containsExactly(new Text("a ${b} $c "), new Ref("d"), new Text("e $$ x"));
    assertThat(Placeholders.whole("${d}")).isEqualTo(new Ref("d"));
    assertThat(Placeholders.whole("${d}${e}")).isNull();
    assertThat(Placeholders.whole("$${d}")).isNull();
    assertThat(Placeholders.parse("${}", "p", problems)).isNull();
    assertThat(problems)
        .containsExactly(new Problem("p", "empty placeholder '${}' (write $${ for a literal ${)"));
  }

  @Test
  void scriptIndexFindsTheScriptOfAShell() {
    assertThat(TemplateSteps.scriptIndex(List.of("sh", "-c", "s"))).isEqualTo(2);
    assertThat(TemplateSteps.scriptIndex(List.of("/bin/bash", "-euc", "s", "arg0"))).isEqualTo(2);
    assertThat(TemplateSteps.scriptIndex(List.of("bash", "-o", "pipefail", "-c", "s")))
        .isEqualTo(4);
    assertThat(TemplateSteps.scriptIndex(List.of("env", "A=1", "sh", "-c", "s"))).isEqualTo(4);
    assertThat(TemplateSteps.scriptIndex(List.of("busybox", "sh", "-c", "s"))).isEqualTo(3);
    assertThat(TemplateSteps.scriptIndex(List.of("sh", "script.sh", "-c"))).isEqualTo(-1);
    assertThat(TemplateSteps.scriptIndex(List.of("echo", "-c", "s"))).isEqualTo(-1);
    assertThat(TemplateSteps.scriptIndex(List.of("sh", "-c"))).isEqualTo(-1);
  }
}
