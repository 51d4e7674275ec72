package dev.gantry.bench;

import dev.gantry.server.GantryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * B5 (REST half): cache-hit executions per second through REST with 32 concurrent clients, against
 * the same hits through the Java API from 32 threads, interleaved rounds of a fixed duration.
 */
final class RestThroughputBenchmark implements Benchmark {
  static final int CLIENTS = 32;
  static final long ROUND_MILLIS = 2_000;
  static final String PIPELINE =
      """
      steps:
        - name: one
          image: busybox:latest
          command: ["true"]
      """;

  @FunctionalInterface
  private interface Hit {
    void run(String task) throws Exception;
  }

  @Override
  public String id() {
    return "B5";
  }

  @Override
  public String title() {
    return "control plane: cache hits through REST";
  }

  @Override
  public BenchSection run(BenchContext ctx) throws Exception {
    Interleaved.Times rates;
    try (GantrySession gantry = new GantrySession(ctx.work().resolve("data"));
        GantryServer server = gantry.serve()) {
      RestClient rest = new RestClient(server.url());
      List<String> tasks = primedTasks(gantry);
      List<Double> java = new ArrayList<>();
      List<Double> viaRest = new ArrayList<>();
      ThreadFactory platform = Thread.ofPlatform().name("bench-java-", 0).factory();
      ThreadFactory virtual = Thread.ofVirtual().name("bench-rest-", 0).factory();
      for (int i = -1; i < ctx.pairs(); i++) { // one warm-up pair
        double a = round(tasks, platform, gantry::cacheHitAsync);
        double b = round(tasks, virtual, rest::cacheHit);
        if (i >= 0) {
          java.add(a);
          viaRest.add(b);
        }
      }
      rates = new Interleaved.Times(new Samples(java), new Samples(viaRest));
    }
    String p = ctx.pairsText();
    List<Figure> figures =
        List.of(
            Figure.median(
                "cache-hit executions/s, REST ÷ Java API, " + CLIENTS + " clients",
                "×",
                rates.ratio(),
                p,
                null),
            Figure.median(
                "  cache-hit executions/s through REST, " + CLIENTS + " clients",
                "/s",
                rates.b(),
                p,
                null),
            Figure.median(
                "  same through the Java API, " + CLIENTS + " threads", "/s", rates.a(), p, null));
    String md =
        """
        %d tasks, each with a one-step pipeline (`true` on busybox) run once to fill the workflow
        cache. Gantry (B): gantry-server in the same JVM on the same `TaskWorkflowIntegration`
        (loopback, no tokens), %d clients on virtual threads sharing one keep-alive
        `java.net.http.HttpClient`, each client its own task and its own request loop of `POST
        /v1/tasks/{id}/workflows/execute` (`skip_cache: false`, answered `202`, `cached: true`) for
        %d ms. Baseline (A): the same hits through the Java API, `executeTaskWorkflowAsync` (the
        call the route makes) from %d platform threads, one task each, for the same time. A round's
        rate is its completed hits ÷ its measured duration; %d pairs of rounds A B after one warm-up
        pair. Every answer is checked to be a cache hit.
        """
            .formatted(CLIENTS, CLIENTS, ROUND_MILLIS, CLIENTS, ctx.pairs());
    return new BenchSection(
        id(), title(), figures, md, Map.of("clients", CLIENTS, "round_ms", ROUND_MILLIS), 0);
  }

  /** One task per client, each run once (8 at a time) so that its next execution is a hit. */
  private static List<String> primedTasks(GantrySession gantry) throws Exception {
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      tasks.add(gantry.task("hits-" + i, PIPELINE));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> runs = new ArrayList<>();
      for (String task : tasks) {
        runs.add(
            pool.submit(
                () ->
                    gantry
                        .api()
                        .executeTaskWorkflow(
                            task, GantrySession.TYPE, GantrySession.PARAMS, false)));
      }
      for (Future<?> run : runs) {
        run.get();
      }
    }
    for (String task : tasks) {
      gantry.cacheHitAsync(task); // fails unless the priming run filled the cache
    }
    return tasks;
  }

  /** {@link #CLIENTS} loops of {@code hit}, one task each, for {@link #ROUND_MILLIS}; hits/s. */
  private static double round(List<String> tasks, ThreadFactory threads, Hit hit) throws Exception {
    LongAdder done = new LongAdder();
    long t0 = System.nanoTime();
    long end = t0 + ROUND_MILLIS * 1_000_000;
    try (ExecutorService clients = Executors.newThreadPerTaskExecutor(threads)) {
      List<Future<?>> loops = new ArrayList<>();
      for (String task : tasks) {
        loops.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    hit.run(task);
                    done.increment();
                  }
                  return null;
                }));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
    }
    return done.sum() / ((System.nanoTime() - t0) / 1e9);
  }
}
