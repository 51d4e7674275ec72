package dev.gantry.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.GantryException;
import dev.gantry.ManualClock;
import dev.gantry.config.CircuitBreakerConfig;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker policy, driven by a manual clock. */
class CircuitBreakerGuardTest {
  private static final String NAME = "docker:tcp://127.0.0.1:2375";
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger calls = new AtomicInteger();
  private final CircuitBreakerGuard guard =
      CircuitBreakerGuard.create(
          NAME,
          new CircuitBreakerConfig(3, 30, 1),
          e -> e instanceof RuntimeUnavailableException,
          clock);

  private void infraFailure() {
    assertThatThrownBy(
            () ->
                guard.run(
                    "create container",
                    () -> {
                      calls.incrementAndGet();
                      throw new RuntimeUnavailableException("engine gone", null);
                    }))
        .isInstanceOf(RuntimeUnavailableException.class);
  }

  private String ok() {
    return guard.call(
        "inspect image",
        () -> {
          calls.incrementAndGet();
          return "ok";
        });
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresAndFailsFastNamingTheBreakerAndTime() {
    infraFailure();
    infraFailure();
    assertThat(guard.info().state()).isEqualTo("closed");
    infraFailure();

    CircuitBreakerInfo open = guard.info();
    assertThat(open.state()).isEqualTo("open");
    assertThat(open.failedCalls()).isEqualTo(3);
    assertThat(open.failureRatePercent()).isEqualTo(100f);
    Instant halfOpens = Instant.parse("2025-01-01T00:00:30Z");
    assertThat(open.nextHalfOpenAt()).isEqualTo(halfOpens);

    calls.set(0);
    assertThatThrownBy(this::ok)
        .isInstanceOf(CircuitBreakerOpenException.class)
        .hasMessageContaining("Circuit breaker '" + NAME + "' is open")
        .hasMessageContaining("half-opens at 2025-01-01T00:00:30Z")
        .hasMessageContaining("Not attempted: inspect image")
        .hasMessageContaining("last failure: engine gone")
        .satisfies(e -> assertThat(((GantryException) e).isRetryable()).isTrue())
        .satisfies(e -> assertThat(((CircuitBreakerOpenException) e).breaker()).isEqualTo(NAME))
        .satisfies(
            e -> assertThat(((CircuitBreakerOpenException) e).halfOpensAt()).isEqualTo(halfOpens));
    assertThat(calls).hasValue(0);
    assertThat(guard.info().notPermittedCalls()).isEqualTo(1);
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    infraFailure();
    infraFailure();
    ok();
    infraFailure();
    infraFailure();
    assertThat(guard.info().state()).isEqualTo("closed");
    infraFailure();
    assertThat(guard.info().state()).isEqualTo("open");
  }

  @Test
  void answersOfTheEndpointAndCancellationsDoNotCount() {
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(
              () ->
                  guard.run(
                      "pull image",
                      () -> {
                        throw new GantryException("image not found");
                      }))
          .hasMessage("image not found");
      assertThatThrownBy(
              () ->
                  guard.run(
                      "start container",
                      () -> {
                        throw new UncheckedIOException(new ClosedByInterruptException());
                      }))
          .isInstanceOf(UncheckedIOException.class);
    }
    assertThat(guard.info().state()).isEqualTo("closed");
    assertThat(guard.info().failedCalls()).isZero();
  }

  @Test
  void halfOpensAfterTheResetTimeoutAndClosesOnASuccess() {
    for (int i = 0; i < 3; i++) {
      infraFailure();
    }
    clock.advance(Duration.ofSeconds(29));
    assertThatThrownBy(this::ok).isInstanceOf(CircuitBreakerOpenException.class);

    clock.advance(Duration.ofMillis(1001));
    assertThat(ok()).isEqualTo("ok");

    assertThat(guard.info().state()).isEqualTo("closed");
    assertThat(guard.info().nextHalfOpenAt()).isNull();
    assertThat(guard.transitions())
        .containsExactly(
            "closed->open at 2025-01-01T00:00:00Z",
            "open->half_open at 2025-01-01T00:00:30.001Z",
            "half_open->closed at 2025-01-01T00:00:30.001Z");
  }

  @Test
  void aFailedTrialCallOpensItAgainForAnotherResetTimeout() {
    for (int i = 0; i < 3; i++) {
      infraFailure();
    }
    clock.advance(Duration.ofSeconds(31));
    infraFailure();

    assertThat(guard.info().state()).isEqualTo("open");
    assertThat(guard.info().nextHalfOpenAt()).isEqualTo(Instant.parse("2025-01-01T00:01:01Z"));
    assertThatThrownBy(this::ok)
        .hasMessageContaining("is open again: its trial calls to this runtime endpoint failed")
        .hasMessageContaining("half-opens at 2025-01-01T00:01:01Z");
  }

  @Test
  void cleanUpCallsRunEvenWhenOpen() {
    for (int i = 0; i < 3; i++) {
      infraFailure();
    }
    calls.set(0);
    guard.runEvenIfOpen("remove container", calls::incrementAndGet);
    assertThat(calls).hasValue(1);
    assertThat(guard.info().state()).isEqualTo("open");
  }

  @Test
  void ioFailuresAreRecordedWhenThePredicateSaysSo() {
    CircuitBreakerGuard io =
        CircuitBreakerGuard.create(
            NAME, new CircuitBreakerConfig(1, 5, 1), e -> e instanceof UncheckedIOException, clock);
    assertThatThrownBy(
            () ->
                io.run(
                    "ping",
                    () -> {
                      throw new UncheckedIOException(new IOException("Connection refused"));
                    }))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(io.info().state()).isEqualTo("open");
    assertThat(io.info().nextHalfOpenAt()).isEqualTo(clock.instant().plusSeconds(5));
  }
}
