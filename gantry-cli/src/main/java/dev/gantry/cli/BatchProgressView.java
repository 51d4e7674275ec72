package dev.gantry.cli;

import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shows a batch's progress: on a terminal, one bar redrawn in place; otherwise a plain line per
 * task that starts or ends. Ends with a summary table.
 */
final class BatchProgressView implements Consumer<BatchProgress> {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private boolean barShown;

  BatchProgressView(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void accept(BatchProgress p) {
    if (terminal) {
      if (p.result() != null && p.result().reason() != null) {
        clearBar();
        out.println(line(p));
      }
      out.print("\r" + bar(p));
      out.flush();
      barShown = true;
    } else if (!"planned".equals(p.event())) {
      out.println(line(p));
    }
  }

  /** Ends the bar's line, so that what follows starts on a new one. */
  synchronized void finish() {
    if (barShown) {
      out.println();
      barShown = false;
    }
  }

  private void clearBar() {
    if (barShown) {
      out.print("\r" + " ".repeat(WIDTH + 80) + "\r");
    }
  }

  static String bar(BatchProgress p) {
    int filled = p.total() == 0 ? WIDTH : p.finished() * WIDTH / p.total();
    return "["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "] "
        + p.finished()
        + "/"
        + p.total()
        + " "
        + p.percent()
        + "%  running "
        + p.running()
        + "  ✓ "
        + p.completed()
        + "  ✗ "
        + p.failed()
        + "  blocked "
        + p.blocked()
        + "  skipped "
        + p.skipped()
        + (p.cancelled() > 0 ? "  cancelled " + p.cancelled() : "");
  }

  /** {@code [12/50] ✓ task-1 completed}, with the reason of a task that did not complete. */
  static String line(BatchProgress p) {
    BatchTaskResult r = p.result();
    String mark =
        r == null
            ? "▸"
            : switch (r.outcome()) {
              case COMPLETED -> "✓";
              case SKIPPED -> "·";
              default -> "✗";
            };
    String text =
        "[" + p.finished() + "/" + p.total() + "] " + mark + " " + p.taskId() + " " + p.event();
    if (r != null && r.reason() != null) {
      text += " — " + r.reason();
    }
    return text;
  }

  static List<String> headers() {
    return List.of("TASK", "NAME", "OUTCOME", "STATUS", "EXECUTION", "REASON");
  }

  static List<List<Object>> rows(BatchResult result) {
    return result.tasks().stream()
        .map(
            t ->
                List.<Object>of(
                    t.taskId(),
                    t.taskName(),
                    t.outcome().wireName() + (t.cached() ? " (cached)" : ""),
                    t.status() == null ? "-" : t.status(),
                    t.executionId() == null ? "-" : t.executionId(),
                    t.reason() == null ? "-" : t.reason()))
        .toList();
  }

  static String summary(BatchResult r) {
    StringBuilder sb = new StringBuilder("batch " + r.batchId());
    sb.append(r.cancelled() ? " cancelled:" : ":");
    r.counts().forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v).append(','));
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }
}
