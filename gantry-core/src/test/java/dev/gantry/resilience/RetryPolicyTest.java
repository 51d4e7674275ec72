package dev.gantry.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.config.WorkflowDefaults;
import dev.gantry.pipeline.StepRetry;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static List<Duration> schedule(RetryPolicy policy, Random random, int retries) {
    return IntStream.rangeClosed(1, retries).mapToObj(n -> policy.delay(n, random)).toList();
  }

  @Test
  void defaultScheduleWithSeededJitterIsPinned() {
    RetryPolicy policy = RetryPolicy.of(WorkflowDefaults.DEFAULT, StepRetry.DEFAULT);

    assertThat(policy).isEqualTo(new RetryPolicy(3, 0.5, true, 30));
    // min(30, 0.5 * 2^(n-1)) * (0.5 + nextDouble()) with new Random(42); from retry 7 on the
    // base is capped at 30 s and jitter still spreads it.
    assertThat(schedule(policy, new Random(42), 8))
        .containsExactly(
            Duration.ofMillis(614),
            Duration.ofMillis(1183),
            Duration.ofMillis(1617),
            Duration.ofMillis(3108),
            Duration.ofMillis(9324),
            Duration.ofMillis(22454),
            Duration.ofMillis(26063),
            Duration.ofMillis(23272));
  }

  @Test
  void withoutJitterTheDelayDoublesUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(6, 1, false, 10);
    Random untouched = new Random(1);

    assertThat(schedule(policy, untouched, 6))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(untouched.nextInt()).isEqualTo(new Random(1).nextInt());
  }

  @Test
  void jitterStaysWithinHalfToOneAndAHalfOfTheBase() {
    RetryPolicy policy = new RetryPolicy(1, 2, true, 30);
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      assertThat(policy.delay(1, random)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
  }

  @Test
  void stepSettingsOverrideTheDefaultsOneByOne() {
    WorkflowDefaults defaults = WorkflowDefaults.DEFAULT;

    assertThat(RetryPolicy.of(defaults, new StepRetry(0, null, null, null)))
        .isEqualTo(new RetryPolicy(0, 0.5, true, 30));
    assertThat(RetryPolicy.of(defaults, new StepRetry(null, 2.0, false, 5.0)))
        .isEqualTo(new RetryPolicy(3, 2, false, 5));
    assertThat(RetryPolicy.of(defaults, new StepRetry(1, null, null, null)).maxAttempts())
        .isEqualTo(2);
  }

  @Test
  void retryNumbersStartAtOne() {
    assertThatThrownBy(() -> new RetryPolicy(1, 1, false, 1).delay(0, new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
