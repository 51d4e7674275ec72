package dev.gantry.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDependenciesTest {
  private static TaskId id(String v) {
    return TaskId.of(v);
  }

  private static Map<TaskId, List<TaskId>> graph(String... edges) {
    Map<TaskId, List<TaskId>> g = new LinkedHashMap<>();
    for (String e : edges) {
      String[] parts = e.split(":");
      List<TaskId> deps =
          parts.length < 2 || parts[1].isEmpty()
              ? List.of()
              : List.of(parts[1].split(",")).stream().map(TaskId::of).toList();
      g.put(id(parts[0]), deps);
    }
    return g;
  }

  @Test
  void ordersEachTaskAfterItsDependencies() {
    List<TaskId> order = TaskDependencies.order(graph("d:a,c", "a:b", "b:c", "c:", "e:"));
    assertThat(order).extracting(TaskId::value).containsExactly("c", "b", "a", "d", "e");
  }

  @Test
  void keepsTheGivenOrderAmongIndependentTasks() {
    assertThat(TaskDependencies.order(graph("z:", "y:", "x:")))
        .extracting(TaskId::value)
        .containsExactly("z", "y", "x");
  }

  @Test
  void ignoresDependenciesOutsideTheGraph() {
    assertThat(TaskDependencies.order(graph("a:outside", "b:a")))
        .extracting(TaskId::value)
        .containsExactly("a", "b");
  }

  @Test
  void aCycleIsAnErrorNamingEveryTaskOnIt() {
    assertThatThrownBy(() -> TaskDependencies.order(graph("x:", "a:b", "b:c", "c:a")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("depends_on: dependency cycle: a → b → c → a");
    assertThat(TaskDependencies.findCycle(graph("s:s")))
        .hasValueSatisfying(c -> assertThat(c).extracting(TaskId::value).containsExactly("s", "s"));
    assertThat(TaskDependencies.findCycle(graph("a:b", "b:"))).isEmpty();
  }

  @Test
  void findsACycleDeepInALongChain() {
    Map<TaskId, List<TaskId>> g = new LinkedHashMap<>();
    for (int i = 0; i < 5000; i++) {
      g.put(id("t" + i), List.of(id("t" + (i + 1))));
    }
    g.put(id("t5000"), List.of(id("t4998")));
    assertThat(TaskDependencies.findCycle(g))
        .hasValueSatisfying(
            c ->
                assertThat(c)
                    .extracting(TaskId::value)
                    .containsExactly("t4998", "t4999", "t5000", "t4998"));
  }
}
