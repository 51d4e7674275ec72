package dev.gantry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workflow cache key: canonical, order-independent, blind to run-only parameters. */
class WorkflowCacheKeyTest {
  private static final Object PIPELINE = Map.of("steps", List.of(Map.of("name", "a")));

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static WorkflowCacheKey key(Map<String, Object> params) {
    return WorkflowCacheKey.of("task-1", "containerized_workflow", params, PIPELINE);
  }

  @Test
  void keyOrderAtAnyDepthDoesNotMatter() {
    Map<String, Object> one =
        ordered("b", 2, "a", ordered("y", List.of(ordered("q", 1, "p", 2)), "x", "1"));
    Map<String, Object> two =
        ordered("a", ordered("x", "1", "y", List.of(ordered("p", 2, "q", 1))), "b", 2);

    assertThat(key(one)).isEqualTo(key(two));
    assertThat(key(one).id()).isEqualTo(key(two).id()).hasSize(64);
    assertThat(WorkflowCacheKey.canonicalJson(one))
        .isEqualTo("{\"a\":{\"x\":\"1\",\"y\":[{\"p\":2,\"q\":1}]},\"b\":2}");
  }

  @Test
  void skipCacheAndUseCircuitBreakerAreNotPartOfTheKey() {
    assertThat(key(ordered("p", 1, "skip_cache", true, "use_circuit_breaker", false)))
        .isEqualTo(key(ordered("p", 1)));
  }

  @Test
  void anyOtherDifferenceChangesTheKey() {
    WorkflowCacheKey base = key(ordered("p", 1));
    assertThat(key(ordered("p", 2)).id()).isNotEqualTo(base.id());
    assertThat(key(ordered("p", "1")).id()).isNotEqualTo(base.id());
    assertThat(key(ordered("p", List.of(1, 2))).id())
        .isNotEqualTo(key(ordered("p", List.of(2, 1))).id());
    assertThat(WorkflowCacheKey.of("task-2", "containerized_workflow", ordered("p", 1), PIPELINE))
        .isNotEqualTo(base);
    assertThat(WorkflowCacheKey.of("task-1", "dagger_pipeline", ordered("p", 1), PIPELINE).id())
        .isNotEqualTo(base.id());
    assertThat(
            WorkflowCacheKey.of(
                    "task-1", "containerized_workflow", ordered("p", 1), Map.of("steps", List.of()))
                .id())
        .isNotEqualTo(base.id());
  }

  @Test
  void parameterValuesAreNotInTheKeyInClear() {
    WorkflowCacheKey k = key(ordered("password", "hunter2-secret"));
    assertThat(k.toString()).doesNotContain("hunter2-secret");
  }
}
