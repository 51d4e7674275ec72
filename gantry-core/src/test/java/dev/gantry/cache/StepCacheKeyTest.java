package dev.gantry.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cache.StepCacheKey.Input;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepCacheKeyTest {
  static final StepCacheKey BASE =
      new StepCacheKey(
          "sha256:aaaa",
          List.of("sh", "-c", "make"),
          Map.of("A", "1", "B", "2"),
          Map.of("TOKEN", "hmac-sha256:1234"),
          "/src",
          "1000",
          List.of("/out"),
          List.of(new Input("/in", "sha256:bbbb")),
          "[\"\",null]");

  static Stream<Arguments> changes() {
    return Stream.<Map.Entry<String, UnaryOperator<StepCacheKey>>>of(
            Map.entry("image id", k -> with(k, 0, "sha256:cccc")),
            Map.entry("argv", k -> with(k, 1, List.of("sh", "-c", "make all"))),
            Map.entry("argv order", k -> with(k, 1, List.of("-c", "sh", "make"))),
            Map.entry("env value", k -> with(k, 2, Map.of("A", "1", "B", "3"))),
            Map.entry("env added", k -> with(k, 2, Map.of("A", "1", "B", "2", "C", "3"))),
            Map.entry("secret value", k -> with(k, 3, Map.of("TOKEN", "hmac-sha256:5678"))),
            Map.entry("secret name", k -> with(k, 3, Map.of("KEY", "hmac-sha256:1234"))),
            Map.entry("workdir", k -> with(k, 4, "/other")),
            Map.entry("user", k -> with(k, 5, "1001")),
            Map.entry("outputs", k -> with(k, 6, List.of("/out", "/more"))),
            Map.entry("input digest", k -> with(k, 7, List.of(new Input("/in", "sha256:dddd")))),
            Map.entry("input path", k -> with(k, 7, List.of(new Input("/in2", "sha256:bbbb")))),
            Map.entry("salt", k -> with(k, 8, "[\"v2\",null]")))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void everyComponentChangesTheKey(String component, UnaryOperator<StepCacheKey> change) {
    StepCacheKey changed = change.apply(BASE);
    assertThat(changed).isNotEqualTo(BASE);
    assertThat(changed.digest()).isNotEqualTo(BASE.digest());
  }

  @Test
  void keyIsCanonicalSha256() {
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("B", "2");
    reversed.put("A", "1");
    StepCacheKey sameEnvOtherOrder = with(BASE, 2, reversed);

    assertThat(BASE.digest()).matches("[0-9a-f]{64}").isEqualTo(sameEnvOtherOrder.digest());
    assertThat(BASE.canonicalJson())
        .startsWith("{\"argv\":[\"sh\",\"-c\",\"make\"],\"env\":{\"A\":\"1\",\"B\":\"2\"}")
        .contains("\"format\":\"gantry-step-cache/1\"");
  }

  /** {@code key} with component {@code index} replaced. */
  static StepCacheKey with(StepCacheKey k, int index, Object value) {
    Object[] c = {
      k.imageId(),
      k.argv(),
      k.env(),
      k.secrets(),
      k.workdir(),
      k.user(),
      k.outputs(),
      k.inputs(),
      k.salt()
    };
    c[index] = value;
    @SuppressWarnings("unchecked")
    StepCacheKey out =
        new StepCacheKey(
            (String) c[0],
            (List<String>) c[1],
            (Map<String, String>) c[2],
            (Map<String, String>) c[3],
            (String) c[4],
            (String) c[5],
            (List<String>) c[6],
            (List<Input>) c[7],
            (String) c[8]);
    return out;
  }
}
