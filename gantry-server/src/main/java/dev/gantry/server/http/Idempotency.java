package dev.gantry.server.http;

import dev.gantry.server.auth.AccessCheck;
import dev.gantry.server.auth.Principal;
import dev.gantry.store.IdempotencyRecord;
import dev.gantry.store.Store;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the POSTs that start executions: the first request with a key starts
 * the execution; later requests of the same caller with the same key on the same route get the same
 * answer for {@link #TTL}. Keys live in the store (as a SHA-256 of caller, route and key), so they
 * survive a restart and are shared by the servers of one database.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  static final Duration TTL = Duration.ofHours(24);

  /** A key reserved this long ago without an answer belongs to a request that died. */
  static final Duration ABANDONED = Duration.ofMinutes(2);

  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

  private final Store store;
  private final Clock clock;
  private volatile Instant lastPrune = Instant.EPOCH;

  public Idempotency(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The answer of the first request with this key, computing it once. */
  public Object once(Context ctx, Supplier<Object> start) {
    String key = ctx.header(HEADER);
    if (key == null) {
      return start.get();
    }
    if (key.isBlank() || key.length() > 255) {
      throw new ApiException(
          400, "invalid_request", "header Idempotency-Key: expected 1-255 characters");
    }
    Object caller = ctx.attribute(AccessCheck.PRINCIPAL);
    String who = caller instanceof Principal p ? p.name() : "";
    String scoped = sha256(who + "\n" + ctx.matchedPath() + "\n" + ctx.pathParamMap() + "\n" + key);
    prune();
    for (int tries = 0; tries < 3; tries++) {
      Instant now = clock.instant();
      if (store.reserveIdempotencyKey(scoped, now.plus(TTL), now)) {
        return first(scoped, start);
      }
      Optional<IdempotencyRecord> known = store.findIdempotencyKey(scoped, now);
      if (known.isPresent() && known.get().answer() != null) {
        ctx.header("Idempotent-Replayed", "true");
        return ServerJson.read(known.get().answer());
      }
      if (known.isPresent() && !abandoned(known.get(), now)) {
        throw new ApiException(
            409,
            "conflict",
            "a request with this Idempotency-Key is still being processed; retry it in a moment",
            Map.of("header", HEADER));
      }
      known.ifPresent(r -> store.releaseIdempotencyKey(scoped));
    }
    throw new ApiException(
        409, "conflict", "the Idempotency-Key is being used concurrently; retry it in a moment");
  }

  private Object first(String scoped, Supplier<Object> start) {
    Object answer;
    try {
      answer = start.get();
    } catch (RuntimeException e) {
      store.releaseIdempotencyKey(scoped);
      throw e;
    }
    store.completeIdempotencyKey(scoped, ServerJson.write(answer));
    return answer;
  }

  private static boolean abandoned(IdempotencyRecord r, Instant now) {
    return r.expiresAt().minus(TTL).plus(ABANDONED).isBefore(now);
  }

  private void prune() {
    Instant now = clock.instant();
    if (lastPrune.plus(PRUNE_EVERY).isBefore(now)) {
      lastPrune = now;
      store.pruneIdempotencyKeys(now);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
