package dev.gantry.bench;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.internal.Ids;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures a workflow execution answered from the workflow cache against the same execution run
 * fresh, through the Java API on Docker. Run by {@code ./scripts/bench}:
 *
 * <pre>
 * WorkflowCacheBenchmark --pairs N --json FILE --markdown FILE
 *     [--cpu TEXT --cpus N --memory TEXT --os TEXT --docker TEXT --command TEXT]
 * </pre>
 */
public final class WorkflowCacheBenchmark {
  /** Cached runs are meant to be at least this many times faster than fresh ones. */
  static final double GOAL = 10;

  static final String TYPE = "containerized_workflow";
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

  private WorkflowCacheBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    if (o.pairs() < 5) {
      throw new IllegalArgumentException("--pairs must be at least 5, got " + o.pairs());
    }
    Path work = Files.createTempDirectory("gantry-bench");
    try {
      BenchResult result = run(o, work);
      BenchReport.writeJson(result, o.json());
      BenchReport.writeMarkdown(result, o.markdown());
      System.out.printf(
          "speed-up cached vs fresh: median %.1fx (min %.1fx, max %.1fx) over %d pairs;"
              + " fresh %.0f ms, cached %.1f ms (medians); goal >= %.0fx %s%n",
          result.speedup().median(),
          result.speedup().min(),
          result.speedup().max(),
          result.pairs(),
          result.freshMillis().median(),
          result.cachedMillis().median(),
          GOAL,
          result.goalMet() ? "met" : "NOT met");
    } finally {
      deleteTree(work);
    }
  }

  static BenchResult run(Options o, Path work) {
    GantryConfig config = GantryConfig.defaults().withDataDirectory(work.resolve("data"));
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      engine.ping();
      new LocalImages(engine).ensureBusybox();
    }
    try (TaskWorkflowIntegration gantry =
        TaskWorkflowIntegration.builder(config).ownerId(Ids.random("gantry-bench")).build()) {
      Project project = gantry.tasks().createProject("bench", "workflow cache benchmark", Map.of());
      String task =
          gantry.tasks().createTask(TaskDraft.builder(project.id(), "bench").build()).id().value();
      gantry.createCustomPipeline(task, PIPELINE);
      Map<String, Object> params = Map.of("param1", "value1");

      check(run(gantry, task, params, false), false); // primes the cache
      timePair(gantry, task, params); // warm-up, discarded
      List<Double> fresh = new ArrayList<>();
      List<Double> cached = new ArrayList<>();
      for (int i = 0; i < o.pairs(); i++) {
        double[] pair = timePair(gantry, task, params);
        fresh.add(pair[0]);
        cached.add(pair[1]);
      }
      Samples freshMs = new Samples(fresh);
      Samples cachedMs = new Samples(cached);
      return new BenchResult(
          Instant.now(),
          o.machine(),
          PIPELINE,
          o.pairs(),
          freshMs,
          cachedMs,
          freshMs.dividedBy(cachedMs),
          GOAL,
          o.command());
    }
  }

  /** One fresh run, then one cached run; their times in milliseconds. */
  private static double[] timePair(
      TaskWorkflowIntegration gantry, String task, Map<String, Object> params) {
    long t0 = System.nanoTime();
    check(run(gantry, task, params, true), false);
    long t1 = System.nanoTime();
    check(run(gantry, task, params, false), true);
    long t2 = System.nanoTime();
    return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
  }

  private static WorkflowRunResult run(
      TaskWorkflowIntegration gantry, String task, Map<String, Object> params, boolean skip) {
    return gantry.executeTaskWorkflow(task, TYPE, params, skip);
  }

  private static void check(WorkflowRunResult r, boolean expectCached) {
    if (!r.success() || r.cached() != expectCached) {
      throw new GantryException(
          "benchmark run "
              + r.executionId()
              + " expected "
              + (expectCached ? "a cache hit" : "a fresh successful run")
              + ", got success="
              + r.success()
              + " cached="
              + r.cached()
              + (r.error() == null ? "" : " error=" + r.error()));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
