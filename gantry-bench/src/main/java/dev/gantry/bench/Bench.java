package dev.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the benchmarks of issue 7 and writes the report. Run by {@code ./scripts/bench}:
 *
 * <pre>
 * Bench [--pairs N] [--iterations N] [--only B1,B3] --json FILE --markdown FILE
 *     [--batch-tasks N --batch-pairs N --concurrency N]
 *     [--cpu TEXT --cpus N --memory TEXT --os TEXT --docker TEXT --command TEXT]
 * </pre>
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    List<Benchmark> chosen = Benchmarks.all().stream().filter(b -> o.selected(b.id())).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "--only "
              + o.only()
              + " names no benchmark; known: "
              + Benchmarks.all().stream().map(Benchmark::id).toList());
    }
    GantrySession.ensureImage();
    Instant started = Instant.now();
    List<BenchSection> sections = new ArrayList<>();
    for (Benchmark b : chosen) {
      System.err.printf("gantry-bench: %s %s …%n", b.id(), b.title());
      Path work = Files.createTempDirectory("gantry-bench-" + b.id());
      long t0 = System.nanoTime();
      try {
        BenchSection s =
            b.run(new BenchContext(o, work)).withSeconds((System.nanoTime() - t0) / 1e9);
        sections.add(s);
        for (Figure f : s.figures()) {
          System.err.printf(
              "  %-60s %10s %s %s%n",
              f.name(),
              f.measured() ? Figure.format(f.value()) : "—",
              f.unit(),
              f.goal() == null ? "" : "(goal " + f.goal().text() + ": " + f.met() + ")");
        }
      } finally {
        deleteTree(work);
      }
    }
    BenchReport report = new BenchReport(o, started, Instant.now(), sections);
    report.writeJson(o.json());
    report.writeMarkdown(o.markdown());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
