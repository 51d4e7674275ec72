package dev.gantry.task;

import dev.gantry.InvalidInputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code depends_on} graph of tasks: finds cycles and orders tasks so that each comes after its
 * dependencies. Edges to tasks outside the graph are ignored (they are not part of the order).
 */
public final class TaskDependencies {
  private TaskDependencies() {}

  /** Task id to the ids it depends on, in the order of {@code tasks}. */
  public static Map<TaskId, List<TaskId>> of(List<Task> tasks) {
    Map<TaskId, List<TaskId>> graph = new LinkedHashMap<>();
    tasks.forEach(t -> graph.put(t.id(), t.dependsOn()));
    return graph;
  }

  /**
   * The tasks of {@code graph}, each after the tasks it depends on (otherwise in the graph's
   * order).
   *
   * @throws InvalidInputException ({@code depends_on}) naming the cycle, when there is one
   */
  public static List<TaskId> order(Map<TaskId, List<TaskId>> graph) {
    List<TaskId> order = new ArrayList<>();
    Optional<List<TaskId>> cycle = walk(graph, order);
    if (cycle.isPresent()) {
      throw new InvalidInputException("depends_on", describe(cycle.get()));
    }
    return order;
  }

  /** A cycle of {@code graph} as the path {@code a, b, …, a}, or empty. */
  public static Optional<List<TaskId>> findCycle(Map<TaskId, List<TaskId>> graph) {
    return walk(graph, new ArrayList<>());
  }

  /** {@code dependency cycle: a → b → a}. */
  public static String describe(List<TaskId> cycle) {
    return "dependency cycle: "
        + String.join(" → ", cycle.stream().map(TaskId::value).toList())
        + " (remove one of these depends_on entries)";
  }

  /** Depth-first post-order into {@code order}; stops at the first cycle and returns it. */
  private static Optional<List<TaskId>> walk(Map<TaskId, List<TaskId>> graph, List<TaskId> order) {
    Map<TaskId, Boolean> state = new HashMap<>(); // false: on the path, true: done
    for (TaskId root : graph.keySet()) {
      if (state.containsKey(root)) {
        continue;
      }
      Deque<TaskId> path = new ArrayDeque<>();
      Deque<Iterator<TaskId>> pending = new ArrayDeque<>();
      path.push(root);
      pending.push(graph.get(root).iterator());
      state.put(root, false);
      while (!path.isEmpty()) {
        Iterator<TaskId> next = pending.peek();
        if (!next.hasNext()) {
          TaskId done = path.pop();
          pending.pop();
          state.put(done, true);
          order.add(done);
          continue;
        }
        TaskId dep = next.next();
        if (!graph.containsKey(dep)) {
          continue;
        }
        Boolean seen = state.get(dep);
        if (seen == null) {
          state.put(dep, false);
          path.push(dep);
          pending.push(graph.get(dep).iterator());
        } else if (!seen) {
          return Optional.of(cycleOf(path, dep));
        }
      }
    }
    return Optional.empty();
  }

  /** The part of {@code path} (top first) from {@code dep} to its top, closed with {@code dep}. */
  private static List<TaskId> cycleOf(Deque<TaskId> path, TaskId dep) {
    List<TaskId> cycle = new ArrayList<>();
    Iterator<TaskId> down = path.descendingIterator();
    boolean in = false;
    while (down.hasNext()) {
      TaskId id = down.next();
      in = in || id.equals(dep);
      if (in) {
        cycle.add(id);
      }
    }
    cycle.add(dep);
    return cycle;
  }
}
