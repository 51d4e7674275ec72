package dev.gantry.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The benchmark's command-line options ({@code --name value} pairs). */
record Options(int pairs, Path json, Path markdown, Machine machine, String command) {
  static Options parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      given.put(args[i].substring(2), args[++i]);
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
    return new Options(
        Integer.parseInt(given.getOrDefault("pairs", "7")),
        Path.of(given.getOrDefault("json", "benchmarks.json")),
        Path.of(given.getOrDefault("markdown", "benchmarks.md")),
        machine,
        given.getOrDefault("command", "WorkflowCacheBenchmark"));
  }
}
