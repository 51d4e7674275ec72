package dev.gantry.bench;

import dev.gantry.GantryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * B6 footprint: {@code gantry server} in its own JVM — time from process start to {@code /health}
 * answering 200 against a bare {@code java -version}; its RSS holding 1,000 accepted executions
 * against its RSS idle.
 */
final class FootprintBenchmark implements Benchmark {
  static final int EXECUTIONS = 1_000;

  /** Servers measured for RSS; each is one pair (idle, then with the executions). */
  static final int RSS_PAIRS = 5;

  static final int START_PAIRS = 5;
  static final int CLIENTS = 16;
  static final Set<String> IN_FLIGHT = Set.of("created", "queued", "running");
  static final String PIPELINE =
      """
      steps:
        - name: wait
          image: busybox:latest
          command: ["sleep", "3600"]
      """;

  /** The start-to-ready times of the servers started by {@link #startToHealth}, in order. */
  private final List<Double> lastReady = new ArrayList<>();

  @Override
  public String id() {
    return "B6";
  }

  @Override
  public String title() {
    return "footprint";
  }

  @Override
  public BenchSection run(BenchContext ctx) throws Exception {
    ServerProcess.checkDistribution();
    Path work = ctx.work();
    Path startConfig = config(work.resolve("start"), null);
    Path log = work.resolve("server.log");
    long started = System.nanoTime();
    // Start to ready: the same data directory each time (created by the warm-up pair's start).
    Interleaved.Times ready =
        Interleaved.run(
            START_PAIRS,
            1,
            ServerProcess::javaVersionMillis,
            () -> startToHealth(startConfig, log));
    System.err.printf("  B6 start pairs: %.0f s%n", (System.nanoTime() - started) / 1e9);
    // Interleaved.run times the whole side (start, ready, stop); keep the ready time only.
    List<Double> readyMs = new ArrayList<>();
    List<Double> baseMs = new ArrayList<>();
    for (int i = 0; i < START_PAIRS; i++) {
      baseMs.add(ready.a().values().get(i));
      readyMs.add(lastReady.get(i + 1)); // index 0: the warm-up
    }
    List<Double> idle = new ArrayList<>();
    List<Double> loaded = new ArrayList<>();
    for (int i = 0; i < RSS_PAIRS; i++) {
      long t0 = System.nanoTime();
      double[] rss = rssPair(work.resolve("rss-" + i), log);
      System.err.printf(
          "  B6 server %d: idle %.0f MiB, loaded %.0f MiB (%.0f s)%n",
          i, rss[0], rss[1], (System.nanoTime() - t0) / 1e9);
      idle.add(rss[0]);
      loaded.add(rss[1]);
    }
    Samples base = new Samples(baseMs);
    Samples up = new Samples(readyMs);
    Samples idleMib = new Samples(idle);
    Samples loadedMib = new Samples(loaded);
    String p = START_PAIRS + " pairs";
    String rp = RSS_PAIRS + " pairs";
    List<Figure> figures =
        List.of(
            Figure.median(
                "start to /health 200 ÷ `java -version`", "×", up.dividedBy(base), p, null),
            Figure.median("  gantry server: start to /health 200", "ms", up, p, null),
            Figure.median("  `java -version`: start to exit", "ms", base, p, null),
            Figure.median(
                "server RSS, 1,000 accepted executions ÷ idle",
                "×",
                loadedMib.dividedBy(idleMib),
                rp,
                null),
            Figure.median("  RSS with 1,000 accepted executions", "MiB", loadedMib, rp, null),
            Figure.median("  RSS idle (tasks created, nothing running)", "MiB", idleMib, rp, null));
    return new BenchSection(
        id(),
        title(),
        figures,
        markdown(ctx),
        Map.of("executions", EXECUTIONS, "pipeline", PIPELINE),
        0);
  }

  private void startToHealth(Path config, Path log) throws Exception {
    try (ServerProcess server = ServerProcess.start(config, log)) {
      lastReady.add(server.awaitHealthy(log));
      server.stop(true);
    }
  }

  /** One server: its RSS idle and with {@link #EXECUTIONS} accepted executions, in MiB. */
  private static double[] rssPair(Path dir, Path log) throws Exception {
    try (SilentEngine engine = new SilentEngine();
        ServerProcess server = ServerProcess.start(config(dir, engine.dockerHost()), log)) {
      server.awaitHealthy(log);
      RestClient rest = server.rest();
      String project = rest.project("footprint");
      List<String> tasks = parallel(EXECUTIONS, i -> rest.task(project, "t" + i, PIPELINE));
      Thread.sleep(1_000); // let the server settle after the burst of requests
      double idle = server.rssMib();
      List<String> executions =
          parallel(
              EXECUTIONS,
              i -> {
                Map<String, Object> answer = rest.execute(tasks.get(i), true);
                if (!IN_FLIGHT.contains(String.valueOf(answer.get("status")))) {
                  throw new GantryException("expected an accepted execution, got " + answer);
                }
                return (String) answer.get("execution_id");
              });
      Thread.sleep(1_000);
      double loaded = server.rssMib();
      // Every execution must still be waiting: none finished (or failed) during the measurement.
      parallel(
          EXECUTIONS,
          i -> {
            Object state = rest.get("/v1/executions/" + executions.get(i)).get("state");
            String s = String.valueOf(state).toLowerCase(Locale.ROOT);
            if (!IN_FLIGHT.contains(s)) {
              throw new GantryException(
                  "execution " + executions.get(i) + " is " + s + ", expected still in flight");
            }
            return s;
          });
      server.stop(false);
      return new double[] {idle, loaded};
    }
  }

  /** {@code n} calls of {@code call} from {@link #CLIENTS} virtual threads; results in order. */
  private static List<String> parallel(int n, IntFunction<String> call) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(CLIENTS);
      List<Future<String>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        all.add(
            pool.submit(
                () -> {
                  slots.acquire();
                  try {
                    return call.apply(k);
                  } finally {
                    slots.release();
                  }
                }));
      }
      List<String> out = new ArrayList<>();
      for (Future<String> f : all) {
        out.add(f.get());
      }
      return out;
    }
  }

  /** A configuration file in {@code dir}: data there; the engine at {@code dockerHost} if set. */
  private static Path config(Path dir, String dockerHost) throws Exception {
    Files.createDirectories(dir);
    String yaml =
        "data_directory: "
            + dir.resolve("data")
            + "\n"
            + (dockerHost == null ? "" : "runtime:\n  docker_host: " + dockerHost + "\n");
    return Files.writeString(dir.resolve("gantry.yaml"), yaml);
  }

  private static String markdown(BenchContext ctx) {
    return """
        `gantry server` is started in a JVM of its own from the gantry-cli distribution
        (`gantry-cli/target/gantry/lib`, as `./gantry server` starts it: `java -cp 'lib/*'
        dev.gantry.cli.Main --config FILE server --port P`, default JVM options) with a
        configuration file and data directory of its own in a temporary directory.

        **Start to ready**: from starting the process until `GET /health` answers `200`
        (polled every 5 ms by a `java.net.http.HttpClient`), against the baseline of starting `java
        -version` until it exits (the same `java`), interleaved, %d pairs after one warm-up pair
        (fixed, not `--pairs`: each server start takes seconds on a loaded machine);
        the warm-up's start creates the H2 database (Flyway migrations), the timed starts open it.
        Each timed server is then stopped with SIGTERM (the shutdown hook closes it).

        **RSS**: %d pairs, one server each, one after another; the baseline (A) of a pair is the
        server idle, Gantry's side (B) the same server holding the executions, and the ratio row
        is the median of the per-pair ratios B ÷ A. Each server: start, `/health`; create a project and %d
        tasks through REST (16 clients), each task with a one-step pipeline (`sleep 3600`); wait
        1 s; read `VmRSS` of `/proc/PID/status` (**idle**); then `POST
        /v1/tasks/{id}/workflows/execute` (`skip_cache: true`) once per task — every answer is
        `202` (status `queued`, or already `running`); wait 1 s; read `VmRSS` again (**1,000 accepted executions**);
        then check through `GET /v1/executions/{id}` that all %d are still `queued` or `running`
        (none finished or failed during the measurement); kill the server (SIGKILL).

        What "queued" means here: Gantry has no queue in front of the runtime — an execution is
        stored `queued` before the execute call answers and starts at once on a virtual thread
        (`runtime.max_parallel_workflows` limits only batches, `max_parallel_steps` only the steps
        of one execution). To hold 1,000 executions without 1,000 containers, the server's
        `runtime.docker_host` points at a socket opened by the benchmark that accepts connections
        and never answers: each execution moves to `running` and its first step waits on the
        engine (for at most the runtime's 120 s response timeout), so no container ever starts.
        The RSS counts the 1,000 stored executions, their virtual threads, pipeline runs and
        engine connections (and waiting for connections) — everything the server holds for work
        accepted and not yet finished — but no container's log streams. No container or process
        outlives the benchmark.
        """
        .formatted(START_PAIRS, RSS_PAIRS, EXECUTIONS, EXECUTIONS);
  }
}
