package dev.gantry.bench;

/**
 * One benchmark of {@code ./scripts/bench} (B1, B2, …): it measures Gantry against a baseline run
 * in the same invocation, interleaved (A B A B …), and returns its figures, each next to its goal.
 * A new benchmark is a small class implementing this interface, added to {@link Benchmarks#all()}.
 */
interface Benchmark {
  /** The short id used in the table and by {@code --only}, e.g. {@code B1}. */
  String id();

  /** What is measured, one line, e.g. "one-step overhead". */
  String title();

  /** Runs the benchmark and returns its figures and its section of the report. */
  BenchSection run(BenchContext context) throws Exception;
}
