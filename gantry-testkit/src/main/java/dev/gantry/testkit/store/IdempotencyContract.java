package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.IdempotencyRecord;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency keys: reserve, answer, find until expiry, release, prune, one concurrent winner. */
public interface IdempotencyContract extends StoreUnderTest {
  @Test
  default void aReservedKeyIsAnsweredAndFoundUntilItExpires() {
    assertThat(store().findIdempotencyKey("k1", at(0))).isEmpty();

    assertThat(store().reserveIdempotencyKey("k1", at(60), at(0))).isTrue();
    assertThat(store().findIdempotencyKey("k1", at(1)))
        .contains(new IdempotencyRecord("k1", null, at(60).truncatedTo(ChronoUnit.MILLIS)));

    store().completeIdempotencyKey("k1", "{\"execution_id\":\"e1\"}");

    assertThat(store().findIdempotencyKey("k1", at(59)).orElseThrow().answer())
        .isEqualTo("{\"execution_id\":\"e1\"}");
    assertThat(store().findIdempotencyKey("k1", at(60))).isEmpty();
  }

  @Test
  default void aLiveKeyCannotBeReservedAgainButAnExpiredOneCan() {
    store().reserveIdempotencyKey("k1", at(60), at(0));
    store().completeIdempotencyKey("k1", "first");

    assertThat(store().reserveIdempotencyKey("k1", at(90), at(30))).isFalse();
    assertThat(store().findIdempotencyKey("k1", at(30)).orElseThrow().answer()).isEqualTo("first");

    assertThat(store().reserveIdempotencyKey("k1", at(120), at(60))).isTrue();
    assertThat(store().findIdempotencyKey("k1", at(61)).orElseThrow().answer()).isNull();
  }

  @Test
  default void aReleasedKeyIsFreeAndPruningDropsOnlyExpiredKeys() {
    store().reserveIdempotencyKey("k1", at(60), at(0));
    store().releaseIdempotencyKey("k1");
    assertThat(store().findIdempotencyKey("k1", at(1))).isEmpty();
    assertThat(store().reserveIdempotencyKey("k1", at(60), at(1))).isTrue();

    store().reserveIdempotencyKey("k2", at(30), at(0));
    assertThat(store().pruneIdempotencyKeys(at(30))).isEqualTo(1);
    assertThat(store().findIdempotencyKey("k1", at(30))).isPresent();
    assertThat(store().reserveIdempotencyKey("k2", at(90), at(30))).isTrue();
  }

  @Test
  default void ofConcurrentReservationsExactlyOneWins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> reserve =
            () -> {
              start.await();
              return store().reserveIdempotencyKey("race", at(60), at(0));
            };
        results.add(pool.submit(reserve));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> f : results) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
