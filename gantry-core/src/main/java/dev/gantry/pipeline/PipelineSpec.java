package dev.gantry.pipeline;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable pipeline: a DAG of steps. Step names are unique, every {@code depends_on} names a
 * step of this pipeline and there is no cycle.
 */
public record PipelineSpec(String name, String description, List<StepSpec> steps) {
  public PipelineSpec {
    name = name == null || name.isBlank() ? "pipeline" : name;
    description = description == null ? "" : description;
    steps = steps == null ? List.of() : List.copyOf(steps);
    List<Problem> problems = check(steps);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid pipeline '" + name + "'", problems);
    }
  }

  /** The step with this name. */
  public StepSpec step(String stepName) {
    for (StepSpec s : steps) {
      if (s.name().equals(stepName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no step '" + stepName + "' in pipeline '" + name + "'");
  }

  /** Problems with the graph of {@code steps}: duplicates, unknown dependencies, cycles. */
  static List<Problem> check(List<StepSpec> steps) {
    List<Problem> problems = new ArrayList<>();
    if (steps.isEmpty()) {
      problems.add(new Problem("steps", "expected at least one step"));
      return problems;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Integer first = index.putIfAbsent(steps.get(i).name(), i);
      if (first != null) {
        problems.add(
            new Problem(
                "steps[" + i + "].name",
                "duplicate step name '" + steps.get(i).name() + "' (also steps[" + first + "])"));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      List<String> deps = steps.get(i).dependsOn();
      for (int j = 0; j < deps.size(); j++) {
        String dep = deps.get(j);
        String path = "steps[" + i + "].depends_on[" + j + "]";
        if (!index.containsKey(dep)) {
          problems.add(new Problem(path, "unknown step '" + dep + "'" + suggestion(dep, index)));
        } else if (dep.equals(steps.get(i).name())) {
          problems.add(new Problem(path, "step '" + dep + "' depends on itself"));
        }
      }
    }
    if (problems.isEmpty()) {
      List<String> cycle = findCycle(steps);
      if (!cycle.isEmpty()) {
        problems.add(new Problem("steps", "dependency cycle: " + String.join(" -> ", cycle)));
      }
    }
    return problems;
  }

  private static String suggestion(String wrong, Map<String, Integer> names) {
    return DidYouMean.closest(wrong, names.keySet())
        .map(best -> " (did you mean '" + best + "'?)")
        .orElse("");
  }

  /** A cycle as a list of step names that starts and ends with the same step, or empty. */
  private static List<String> findCycle(List<StepSpec> steps) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (StepSpec s : steps) {
      deps.put(s.name(), s.dependsOn());
    }
    Set<String> done = new HashSet<>();
    for (String start : deps.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(start, deps, done, path, new HashSet<>());
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String node,
      Map<String, List<String>> deps,
      Set<String> done,
      List<String> path,
      Set<String> onPath) {
    if (done.contains(node)) {
      return List.of();
    }
    if (onPath.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    path.add(node);
    onPath.add(node);
    for (String dep : deps.getOrDefault(node, List.of())) {
      List<String> cycle = visit(dep, deps, done, path, onPath);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    onPath.remove(node);
    done.add(node);
    return List.of();
  }
}
