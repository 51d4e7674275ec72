package dev.gantry.bench;

import java.util.List;

/** Every benchmark {@code ./scripts/bench} runs, in the order of the report. */
final class Benchmarks {
  private Benchmarks() {}

  static List<Benchmark> all() {
    return List.of(
        new OneStepBenchmark(),
        new PipelineOverheadBenchmark(),
        new CacheHitBenchmark(),
        new BatchThroughputBenchmark(),
        new StoreTransitionsBenchmark());
  }

  /**
   * Benchmarks of issue 7 not measured yet, with what they wait for; the report lists them so the
   * table never silently lacks a figure.
   */
  static List<String> pending() {
    return List.of(
        "B3 (REST half): cache-hit latency through REST — needs gantry-server",
        "B5 (REST half): cache-hit executions per second through REST with 32 clients — needs"
            + " gantry-server",
        "B6 footprint: server RSS with 1,000 queued executions; start to /health ready — needs"
            + " gantry-server");
  }
}
