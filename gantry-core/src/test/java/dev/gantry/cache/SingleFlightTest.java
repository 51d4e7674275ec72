package dev.gantry.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
  @Test
  void oneLeaderPerKeyAndTheOthersWaitForIt() throws Exception {
    SingleFlight flights = new SingleFlight();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> callers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        callers.add(
            pool.submit(
                () -> {
                  try (SingleFlight.Flight flight = flights.acquire("k")) {
                    if (flight != null) {
                      runs.incrementAndGet();
                      release.await();
                      return "led";
                    }
                  }
                  return flights.await("k", Duration.ofMinutes(1)) ? "waited" : "timed out";
                }));
      }
      await().until(() -> flights.waiting("k") == 9);
      assertThat(flights.inFlight("k")).isTrue();
      assertThat(runs).hasValue(1);
      release.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : callers) {
        results.add(f.get());
      }
      assertThat(results).containsOnly("led", "waited").filteredOn("led"::equals).hasSize(1);
    }
    assertThat(flights.inFlight("k")).isFalse();
    assertThat(flights.waiting("k")).isZero();
  }

  @Test
  void otherKeysDoNotWaitAndAWaitIsBounded() throws Exception {
    SingleFlight flights = new SingleFlight();
    try (SingleFlight.Flight a = flights.acquire("a")) {
      assertThat(a).isNotNull();
      try (SingleFlight.Flight b = flights.acquire("b")) {
        assertThat(b).isNotNull();
      }
      assertThat(flights.acquire("a")).isNull();
      assertThat(flights.await("a", Duration.ofMillis(1))).isFalse();
      assertThat(flights.await("b", Duration.ofMillis(1))).isTrue();
    }
    assertThat(flights.await("a", Duration.ZERO)).isTrue();
  }
}
