package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.BatchOutcome;
import dev.gantry.api.BatchProgress;
import dev.gantry.api.BatchResult;
import dev.gantry.api.BatchTaskResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchProgressViewTest {
  private static final BatchTaskResult BLOCKED =
      BatchTaskResult.notRun(
          "t2", "Two", BatchOutcome.BLOCKED, "dependency 't1' failed: boom", Instant.EPOCH);

  private static BatchProgress progress(String event, String task, BatchTaskResult r, int done) {
    return new BatchProgress("batch-1", event, task, r, 4, done, 1, 1, 1, done - 2, 0, 0);
  }

  @Test
  void plainOutputIsALinePerTaskWithTheReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BatchProgressView view =
        new BatchProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    view.accept(progress("started", "t1", null, 0));
    view.accept(progress("blocked", "t2", BLOCKED, 3));
    view.finish();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("[0/4] ▸ t1 started", "[3/4] ✗ t2 blocked — dependency 't1' failed: boom");
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BatchProgressView view =
        new BatchProgressView(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    view.accept(progress("started", "t1", null, 2));
    view.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r[###############...............] 2/4 50%  running 1");
    assertThat(out).endsWith("\n");
  }

  @Test
  void summaryCountsEveryOutcome() {
    BatchResult r =
        new BatchResult(
            "batch-1", "p", null, null, 4, false, Instant.EPOCH, Instant.EPOCH, List.of(BLOCKED));
    assertThat(BatchProgressView.summary(r))
        .isEqualTo("batch batch-1: completed 0, failed 0, blocked 1, skipped 0, cancelled 0");
    assertThat(BatchProgressView.rows(r))
        .containsExactly(List.of("t2", "Two", "blocked", "-", "-", "dependency 't1' failed: boom"));
  }
}
