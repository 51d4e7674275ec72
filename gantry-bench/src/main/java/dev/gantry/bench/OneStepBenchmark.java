package dev.gantry.bench;

import java.util.List;
import java.util.Map;

/**
 * B1: a one-step workflow through the Java API (Docker runtime, busybox {@code true}, network none,
 * {@code skip_cache}) against {@code docker run --rm --network none busybox:latest true} through
 * the docker CLI.
 */
final class OneStepBenchmark implements Benchmark {
  static final String PIPELINE =
      """
      steps:
        - name: one
          image: busybox:latest
          command: ["true"]
      """;

  @Override
  public String id() {
    return "B1";
  }

  @Override
  public String title() {
    return "one-step overhead";
  }

  @Override
  public BenchSection run(BenchContext ctx) throws Exception {
    List<String> cli = DockerCli.runCommand(null, List.of("true"));
    Interleaved.Times t;
    try (GantrySession gantry = new GantrySession(ctx.work().resolve("data"))) {
      String task = gantry.task("one-step", PIPELINE);
      t = Interleaved.run(ctx.pairs(), 2, () -> DockerCli.exec(cli), () -> gantry.run(task, true));
    }
    List<Figure> figures =
        List.of(
            Figure.median(
                "one-step workflow (Java API) ÷ `docker run` (CLI)",
                "×",
                t.ratio(),
                ctx.pairsText(),
                Goal.atMost(1.0, "×")),
            Figure.median("  `docker run --rm` (CLI)", "ms", t.a(), ctx.pairsText(), null),
            Figure.median("  one-step workflow (Java API)", "ms", t.b(), ctx.pairsText(), null));
    String md =
        """
        Baseline (A): `%s`, run as a child process. Gantry (B): `executeTaskWorkflow(task,
        "containerized_workflow", params, skip_cache=true)` of a task whose pipeline is one step
        (below), through `TaskWorkflowIntegration` with the default configuration (H2 file store,
        Docker runtime): the store records, the container with Gantry's limits (memory, CPU,
        pids, no capabilities), its logs, the task's result. %d pairs A B after 2 warm-up pairs.

        ```yaml
        %s
        ```
        """
            .formatted(String.join(" ", cli), ctx.pairs(), PIPELINE.strip());
    return new BenchSection(id(), title(), figures, md, Map.of("pipeline", PIPELINE), 0);
  }
}
