package dev.gantry.cli;

import java.util.List;

/**
 * Hostile template parameter values: shell metacharacters, command substitutions, quotes, newlines,
 * placeholder syntax of the template language itself, option-like words, control and unicode
 * characters, and very long values. Every canary writes {@value #CANARY}; the container that
 * receives the values fails if that file exists.
 */
final class InjectionCorpus {
  static final String CANARY = "/tmp/pwned";

  static final List<String> VALUES =
      List.of(
          // command separators and substitutions
          "; touch /tmp/pwned",
          "$(touch /tmp/pwned)",
          "`touch /tmp/pwned`",
          "&& touch /tmp/pwned",
          "|| touch /tmp/pwned",
          "| touch /tmp/pwned",
          "& touch /tmp/pwned &",
          "x\ntouch /tmp/pwned",
          "x\r\ntouch /tmp/pwned\r\n",
          "\ntouch /tmp/pwned\n",
          "> /tmp/pwned",
          ">> /tmp/pwned",
          "< /etc/passwd",
          "$(printf '\\164ouch /tmp/pwned' | sh)",
          "eval 'touch /tmp/pwned'",
          "exec touch /tmp/pwned",
          "<<EOF\ntouch /tmp/pwned\nEOF",
          "x; touch /tmp/pwned #",
          "$( (touch /tmp/pwned) )",
          "${IFS}touch${IFS}/tmp/pwned",
          // quotes breaking out of the surrounding quoting
          "\"; touch /tmp/pwned; echo \"",
          "'; touch /tmp/pwned; echo '",
          "\"$(touch /tmp/pwned)\"",
          "'$(touch /tmp/pwned)'",
          "\\\"; touch /tmp/pwned; \\\"",
          "'",
          "\"",
          "`",
          "\\",
          "trailing backslash \\",
          "$'\\x74ouch' /tmp/pwned",
          // parameter expansions and ${...} nesting
          "${GANTRY_PARAM_P00}",
          "$GANTRY_PARAM_P01",
          "${v:-$(touch /tmp/pwned)}",
          "${x:=`touch /tmp/pwned`}",
          "${${nested}}",
          "${a${b}c}",
          "${",
          "}",
          "$${p00}",
          "${p00}",
          "${task.id}",
          "${steps.dump.output}",
          "$((1+1))",
          "$0 $1 $@ $* $$ $? $!",
          "$HOME $PATH",
          // words the shell or a command would treat specially
          "*",
          "/*",
          "~",
          "{a,b}",
          "!!",
          "# not a comment",
          "-n",
          "--help",
          "-e \\x41\\n",
          "%s%s%n%x",
          "a=b",
          "IFS=x; touch /tmp/pwned",
          "../../../etc/passwd",
          "(",
          ")",
          ";;",
          // whitespace and control characters
          "",
          " ",
          "  leading and trailing  ",
          "tab\there",
          "\u0001\u0002\u001b[31mred\u001b[0m\u007f",
          // JSON-, YAML- and number-looking text stays text
          "{\"a\": [1, 2]}",
          "[1, 2]",
          "true",
          "null",
          "007",
          "1e5",
          "key: value",
          // unicode
          "héllo wörld",
          "日本語のテキスト",
          "🚀 $(touch /tmp/pwned) 🚀",
          "\u202eevil\u202c",
          "zero\u200bwidth\ufeff",
          "e\u0301\u0308 combining",
          "\ud835\udd4f math",
          "\ufffd replacement",
          // very long
          "A".repeat(8000),
          "$(touch /tmp/pwned);".repeat(300));

  private InjectionCorpus() {}
}
