package dev.gantry.bench;

import java.time.Instant;

/**
 * The cached-versus-fresh measurement: {@code pairs} interleaved pairs (fresh, cached), each a full
 * {@code executeTaskWorkflow} call through the Java API.
 *
 * @param speedup per pair, fresh time divided by cached time
 * @param goal the speed-up the workflow cache is meant to reach at least
 */
record BenchResult(
    Instant date,
    Machine machine,
    String pipeline,
    int pairs,
    Samples freshMillis,
    Samples cachedMillis,
    Samples speedup,
    double goal,
    String command) {
  boolean goalMet() {
    return speedup.median() >= goal;
  }
}
