package dev.gantry.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command-line options ({@code --name value} pairs).
 *
 * @param pairs interleaved baseline/Gantry pairs per figure (at least 5)
 * @param iterations cache hits timed by B3's latency figures
 * @param only the benchmark ids to run (upper case); empty: all
 * @param batchTasks one-step tasks per side of each B4 pair; 200 by default, the size (on a
 *     machine busy with other work a smaller {@code --batch-tasks} keeps the run under 20 minutes)
 * @param batchPairs interleaved pairs of B4 (at least 5; each side runs {@code batchTasks})
 * @param concurrency B4's N: workflows of the batch at once, {@code xargs -P N}
 */
record Options(
    int pairs,
    int iterations,
    Set<String> only,
    int batchTasks,
    int batchPairs,
    int concurrency,
    Path json,
    Path markdown,
    Machine machine,
    String command) {
  static final List<String> NAMES =
      List.of(
          "pairs",
          "iterations",
          "only",
          "batch-tasks",
          "batch-pairs",
          "concurrency",
          "json",
          "markdown",
          "cpu",
          "cpus",
          "memory",
          "os",
          "docker",
          "command");

  Options {
    if (pairs < 5) {
      throw new IllegalArgumentException("--pairs must be at least 5, got " + pairs);
    }
    if (iterations < 100) {
      throw new IllegalArgumentException("--iterations must be at least 100, got " + iterations);
    }
    if (batchTasks < 1 || batchPairs < 5 || concurrency < 1) {
      throw new IllegalArgumentException(
          "--batch-tasks and --concurrency must be positive and --batch-pairs at least 5, got"
              + " --batch-tasks "
              + batchTasks
              + " --concurrency "
              + concurrency
              + " --batch-pairs "
              + batchPairs);
    }
  }

  static Options parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      String name = args[i].substring(2);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + NAMES);
      }
      given.put(name, args[++i]);
    }
    Machine machine =
        new Machine(
            given.getOrDefault("cpu", "unknown"),
            Integer.parseInt(
                given.getOrDefault(
                    "cpus", Integer.toString(Runtime.getRuntime().availableProcessors()))),
            given.getOrDefault("memory", "unknown"),
            given.getOrDefault("os", System.getProperty("os.name")),
            System.getProperty("java.vm.name") + " " + Runtime.version(),
            given.getOrDefault("docker", "unknown"));
    Set<String> only =
        given.containsKey("only")
            ? Set.copyOf(
                Arrays.stream(given.get("only").split(","))
                    .map(s -> s.strip().toUpperCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty())
                    .toList())
            : Set.of();
    return new Options(
        Integer.parseInt(given.getOrDefault("pairs", "9")),
        Integer.parseInt(given.getOrDefault("iterations", "200")),
        only,
        Integer.parseInt(given.getOrDefault("batch-tasks", "200")),
        Integer.parseInt(given.getOrDefault("batch-pairs", "5")),
        Integer.parseInt(given.getOrDefault("concurrency", "4")),
        Path.of(given.getOrDefault("json", "benchmarks.json")),
        Path.of(given.getOrDefault("markdown", "benchmarks.md")),
        machine,
        given.getOrDefault("command", "Bench"));
  }

  boolean selected(String id) {
    return only.isEmpty() || only.contains(id);
  }
}
