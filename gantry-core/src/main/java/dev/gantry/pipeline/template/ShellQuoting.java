package dev.gantry.pipeline.template;

import dev.gantry.pipeline.template.Placeholders.Ref;
import dev.gantry.pipeline.template.Placeholders.Segment;
import dev.gantry.pipeline.template.Placeholders.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Finds how each placeholder of a shell script is quoted, so that its value can be passed through
 * an environment variable that the script references correctly: unquoted {@code ${x}} becomes
 * {@code "$GANTRY_PARAM_X"}, inside double quotes (or an unquoted here-document) {@code
 * ${GANTRY_PARAM_X}}. Inside single quotes (or {@code $'...'} or a quoted here-document) and right
 * after a backslash no reference can be expanded, so the template is rejected.
 *
 * <p>The scanner follows POSIX sh quoting: backslash escapes, single and double quotes, {@code
 * $(...)}, backticks, {@code ${...}} expansions, comments and here-documents. Whatever it gets
 * wrong, the value itself is never put into the script text: the worst case is a reference that is
 * split into words or printed literally, never a command run.
 */
final class ShellQuoting {
  /** Where a placeholder stands in the script. */
  enum Context {
    UNQUOTED,
    DOUBLE_QUOTED,
    SINGLE_QUOTED,
    ESCAPED
  }

  private enum Frame {
    CODE,
    SUBSHELL,
    BACKTICK,
    DOUBLE,
    BRACE
  }

  private record Heredoc(String delimiter, boolean quoted, boolean stripTabs) {}

  private final StringBuilder text = new StringBuilder();
  private final BitSet refs = new BitSet();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Deque<Integer> depths = new ArrayDeque<>();
  private final List<Heredoc> pending = new ArrayList<>();
  private final List<Context> out = new ArrayList<>();

  private ShellQuoting(List<Segment> segments) {
    for (Segment s : segments) {
      if (s instanceof Text t) {
        text.append(t.text());
      } else if (s instanceof Ref) {
        refs.set(text.length());
        text.append('x'); // a word character, as the reference will be
      }
    }
    frames.push(Frame.CODE);
  }

  /** The context of each placeholder of {@code segments}, in order. */
  static List<Context> contexts(List<Segment> segments) {
    ShellQuoting scanner = new ShellQuoting(segments);
    scanner.scan();
    return scanner.out;
  }

  /** The reference that replaces a placeholder in {@code context}. */
  static String reference(Ref ref, Context context) {
    return switch (context) {
      case UNQUOTED -> "\"$" + ref.envName() + "\"";
      case DOUBLE_QUOTED -> "${" + ref.envName() + "}";
      default -> throw new IllegalArgumentException("no safe reference in " + context);
    };
  }

  private void scan() {
    int i = 0;
    while (i < text.length()) {
      if (refs.get(i)) {
        out.add(enclosing());
        i++;
      } else {
        i =
            switch (frames.peek()) {
              case DOUBLE -> doubleQuoted(i);
              case BRACE -> brace(i);
              default -> code(i);
            };
      }
    }
  }

  /** The context of a placeholder at the current position. */
  private Context enclosing() {
    for (Frame f : frames) {
      if (f == Frame.DOUBLE) {
        return Context.DOUBLE_QUOTED;
      }
      if (f != Frame.BRACE) {
        return Context.UNQUOTED;
      }
    }
    return Context.UNQUOTED;
  }

  private char at(int i) {
    return i < text.length() ? text.charAt(i) : '\0';
  }

  /** Skips a backslash and the character it escapes; a placeholder there is ESCAPED. */
  private int backslash(int i) {
    if (refs.get(i + 1)) {
      out.add(Context.ESCAPED);
    }
    return i + 2;
  }

  private int code(int i) {
    char c = text.charAt(i);
    Frame frame = frames.peek();
    switch (c) {
      case '\\' -> {
        return backslash(i);
      }
      case '\'' -> {
        return quoted(i + 1, false);
      }
      case '"' -> frames.push(Frame.DOUBLE);
      case '`' -> {
        if (frame == Frame.BACKTICK) {
          frames.pop();
        } else {
          frames.push(Frame.BACKTICK);
        }
      }
      case '$' -> {
        return dollar(i);
      }
      case '(' -> {
        if (frame == Frame.SUBSHELL) {
          depths.push(depths.pop() + 1);
        }
      }
      case ')' -> {
        if (frame == Frame.SUBSHELL) {
          int depth = depths.pop() - 1;
          if (depth == 0) {
            frames.pop();
          } else {
            depths.push(depth);
          }
        }
      }
      case '#' -> {
        if (wordStart(i)) {
          return lineEnd(i);
        }
      }
      case '<' -> {
        if (at(i + 1) == '<' && at(i + 2) != '<') {
          return heredocOperator(i + 2);
        }
      }
      case '\n' -> {
        if (!pending.isEmpty()) {
          return heredocBodies(i + 1);
        }
      }
      default -> {}
    }
    return i + 1;
  }

  private int dollar(int i) {
    char next = at(i + 1);
    if (next == '(') {
      frames.push(Frame.SUBSHELL);
      depths.push(1);
      return i + 2;
    }
    if (next == '{') {
      frames.push(Frame.BRACE);
      return i + 2;
    }
    if (next == '\'' && frames.peek() != Frame.DOUBLE) {
      return quoted(i + 2, true);
    }
    return i + 1;
  }

  /** Skips a single-quoted string ({@code $'...'} when {@code ansi}) from its first character. */
  private int quoted(int i, boolean ansi) {
    while (i < text.length() && text.charAt(i) != '\'') {
      if (refs.get(i)) {
        out.add(Context.SINGLE_QUOTED);
      }
      i += ansi && text.charAt(i) == '\\' ? (refs.get(i + 1) ? 1 : 2) : 1;
    }
    return i + 1;
  }

  private int doubleQuoted(int i) {
    return switch (text.charAt(i)) {
      case '\\' -> backslash(i);
      case '"' -> {
        frames.pop();
        yield i + 1;
      }
      case '`' -> {
        frames.push(Frame.BACKTICK);
        yield i + 1;
      }
      case '$' -> dollar(i);
      default -> i + 1;
    };
  }

  /** Inside {@code ${...}}: nested expansions are followed, quotes are taken as text. */
  private int brace(int i) {
    return switch (text.charAt(i)) {
      case '\\' -> backslash(i);
      case '}' -> {
        frames.pop();
        yield i + 1;
      }
      case '$' -> dollar(i);
      default -> i + 1;
    };
  }

  private boolean wordStart(int i) {
    return i == 0 || " \t\n;&|()<>".indexOf(text.charAt(i - 1)) >= 0;
  }

  private int lineEnd(int i) {
    int nl = text.indexOf("\n", i);
    int end = nl < 0 ? text.length() : nl;
    for (int j = i; j < end; j++) {
      if (refs.get(j)) {
        out.add(Context.UNQUOTED); // in a comment: harmless either way
      }
    }
    return end;
  }

  /** Reads the delimiter word after {@code <<} or {@code <<-}. */
  private int heredocOperator(int i) {
    boolean stripTabs = at(i) == '-';
    if (stripTabs) {
      i++;
    }
    while (at(i) == ' ' || at(i) == '\t') {
      i++;
    }
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    while (i < text.length() && " \t\n;&|()<>".indexOf(text.charAt(i)) < 0) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '\\') {
        quoted = true;
      } else {
        word.append(c);
      }
      i++;
    }
    if (!word.isEmpty()) {
      pending.add(new Heredoc(word.toString(), quoted, stripTabs));
    }
    return i;
  }

  /** Skips the bodies of the pending here-documents, which start at {@code i}. */
  private int heredocBodies(int i) {
    for (Heredoc doc : pending) {
      while (i < text.length()) {
        int nl = text.indexOf("\n", i);
        int end = nl < 0 ? text.length() : nl;
        String line = text.substring(i, end);
        if ((doc.stripTabs() ? line.replaceFirst("^\t+", "") : line).equals(doc.delimiter())) {
          i = end + 1;
          break;
        }
        for (int j = i; j < end; j++) {
          if (refs.get(j)) {
            out.add(
                doc.quoted()
                    ? Context.SINGLE_QUOTED
                    : j > i && text.charAt(j - 1) == '\\'
                        ? Context.ESCAPED
                        : Context.DOUBLE_QUOTED);
          }
        }
        i = end + 1;
      }
    }
    pending.clear();
    return i;
  }
}
