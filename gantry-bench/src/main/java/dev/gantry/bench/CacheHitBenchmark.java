package dev.gantry.bench;

import dev.gantry.server.GantryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * B3: a workflow execution answered from the workflow cache against the same execution run fresh,
 * and the latency of a cache hit through the Java API and through REST (gantry-server in the same
 * JVM, called over loopback HTTP with a keep-alive {@link java.net.http.HttpClient}).
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
    List<Double> restHits = new ArrayList<>();
    List<Double> asyncHits = new ArrayList<>();
    List<Double> restRatios = new ArrayList<>();
    try (GantrySession gantry = new GantrySession(ctx.work().resolve("data"));
        GantryServer server = gantry.serve()) {
      RestClient rest = new RestClient(server.url());
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
        // REST against the same call in Java (executeTaskWorkflowAsync, which the route makes),
        // alternating hit by hit.
        List<Double> pairRest = new ArrayList<>();
        List<Double> pairJava = new ArrayList<>();
        for (int h = 0; h < hitsPerPair; h++) {
          pairJava.add(Interleaved.millis(() -> gantry.cacheHitAsync(task)));
          pairRest.add(Interleaved.millis(() -> rest.cacheHit(task)));
        }
        if (i >= 0) {
          restHits.addAll(pairRest);
          asyncHits.addAll(pairJava);
          restRatios.add(new Samples(pairRest).median() / new Samples(pairJava).median());
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
    Samples restMs = new Samples(restHits);
    Samples asyncMs = new Samples(asyncHits);
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
            Figure.median(
                "cache hit latency, REST ÷ Java API (p50 of each pair)",
                "×",
                new Samples(restRatios),
                p,
                null),
            Figure.percentile(
                "cache hit latency (REST), p50", "ms", 50, restMs, restHits.size() + " hits", null),
            Figure.percentile(
                "cache hit latency (REST), p99", "ms", 99, restMs, restHits.size() + " hits", null),
            Figure.percentile(
                "  same hit, Java executeTaskWorkflowAsync, p50",
                "ms",
                50,
                asyncMs,
                asyncHits.size() + " hits",
                null),
            Figure.percentile(
                "  same hit, Java executeTaskWorkflowAsync, p99",
                "ms",
                99,
                asyncMs,
                asyncHits.size() + " hits",
                null));
    String md =
        """
        The same workflow of one task, through the Java API (`executeTaskWorkflow`) on the Docker
        engine: fresh (`skip_cache=true`: containers run) against answered from the workflow cache
        (`skip_cache=false`), %d pairs fresh, cached after a priming run and one warm-up pair; the
        speed-up of a pair is its fresh time divided by its cached time. After each pair, %d more
        cache hits are timed: the latency rows pool the %d hits (each a whole `executeTaskWorkflow`
        call answered from the cache) and give their percentile, with the fastest and slowest.

        REST: gantry-server (`GantryServer`, Javalin on virtual threads) started in the same JVM on
        the same `TaskWorkflowIntegration`, on a free loopback port without tokens, called with one
        `java.net.http.HttpClient` (HTTP/1.1, the connection kept alive): `POST
        /v1/tasks/{id}/workflows/execute` with `skip_cache: false`, answered `202` with `cached:
        true`. Its baseline is the call that route makes, `executeTaskWorkflowAsync` through the Java
        API (the synchronous `executeTaskWorkflow` rows above also wait on the handle). After each
        pair, %d Java and %d REST hits alternate (Java, REST, Java, …); the ratio row is the median
        over pairs of (REST p50 ÷ Java p50 of that pair), the REST and Java p50/p99 rows pool the
        hits of all pairs.

        Pipeline (two steps, an artifact passed from the first to the second):

        ```yaml
        %s
        ```
        """
            .formatted(
                ctx.pairs(),
                hitsPerPair - 1,
                hits.size(),
                hitsPerPair,
                hitsPerPair,
                PIPELINE.strip());
    return new BenchSection(id(), title(), figures, md, Map.of("pipeline", PIPELINE), 0);
  }
}
