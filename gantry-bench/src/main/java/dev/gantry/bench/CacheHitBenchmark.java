package dev.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * B3: a workflow execution answered from the workflow cache against the same execution run fresh,
 * and the latency of a cache hit through the Java API. The REST figure waits for gantry-server.
 */
final class CacheHitBenchmark implements Benchmark {
  /** Cached runs are meant to be at least this many times faster than fresh ones. */
  static final double SPEEDUP_GOAL = 10;

  static final String PIPELINE =
      """
      steps:
        - name: build
          image: busybox:latest
          command: ["sh", "-c", "mkdir -p /out && echo built > /out/app.txt && echo build done"]
          outputs: [/out/app.txt]
        - name: test
          image: busybox:latest
          command: ["sh", "-c", "cat /out/app.txt && echo tests passed"]
          depends_on: [build]
      """;

  @Override
  public String id() {
    return "B3";
  }

  @Override
  public String title() {
    return "cache hit";
  }

  @Override
  public BenchSection run(BenchContext ctx) throws Exception {
    int hitsPerPair = Math.max(20, ctx.options().iterations() / ctx.pairs());
    List<Double> fresh = new ArrayList<>();
    List<Double> cached = new ArrayList<>();
    List<Double> hits = new ArrayList<>();
    try (GantrySession gantry = new GantrySession(ctx.work().resolve("data"))) {
      String task = gantry.task("cached", PIPELINE);
      gantry.run(task, true); // writes no cache entry (skip_cache bypasses read and write)
      gantry.api().executeTaskWorkflow(task, GantrySession.TYPE, GantrySession.PARAMS, false);
      for (int i = -1; i < ctx.pairs(); i++) { // one warm-up pair
        double f = Interleaved.millis(() -> gantry.run(task, true));
        double c = Interleaved.millis(() -> gantry.run(task, false));
        List<Double> more = new ArrayList<>();
        for (int h = 1; h < hitsPerPair; h++) {
          more.add(Interleaved.millis(() -> gantry.run(task, false)));
        }
        if (i >= 0) {
          fresh.add(f);
          cached.add(c);
          hits.add(c);
          hits.addAll(more);
        }
      }
    }
    Samples freshMs = new Samples(fresh);
    Samples cachedMs = new Samples(cached);
    Samples hitMs = new Samples(hits);
    String p = ctx.pairsText();
    String n = hits.size() + " hits";
    List<Figure> figures =
        List.of(
            Figure.median(
                "speed-up, fresh ÷ cached execution",
                "×",
                freshMs.dividedBy(cachedMs),
                p,
                Goal.atLeast(SPEEDUP_GOAL, "×")),
            Figure.median("  fresh execution", "ms", freshMs, p, null),
            Figure.median("  cached execution", "ms", cachedMs, p, null),
            Figure.percentile("cache hit latency (Java API), p50", "ms", 50, hitMs, n, null),
            Figure.percentile(
                "cache hit latency (Java API), p99", "ms", 99, hitMs, n, Goal.atMost(5, "ms")),
            Figure.notMeasured(
                "cache hit latency (REST), p50 / p99",
                "ms",
                null,
                "not measured: needs gantry-server"));
    String md =
        """
        The same workflow of one task, through the Java API (`executeTaskWorkflow`) on the Docker
        engine: fresh (`skip_cache=true`: containers run) against answered from the workflow cache
        (`skip_cache=false`), %d pairs fresh, cached after a priming run and one warm-up pair; the
        speed-up of a pair is its fresh time divided by its cached time. After each pair, %d more
        cache hits are timed: the latency rows pool the %d hits (each a whole `executeTaskWorkflow`
        call answered from the cache) and give their percentile, with the fastest and slowest.

        The REST row is a slot: it is measured once gantry-server exists (the same hits through
        `POST /v1/...execute`), and shows "not measured" until then.

        Pipeline (two steps, an artifact passed from the first to the second):

        ```yaml
        %s
        ```
        """
            .formatted(ctx.pairs(), hitsPerPair - 1, hits.size(), PIPELINE.strip());
    return new BenchSection(id(), title(), figures, md, Map.of("pipeline", PIPELINE), 0);
  }
}
