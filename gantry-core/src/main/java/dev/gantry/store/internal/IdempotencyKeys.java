package dev.gantry.store.internal;

import dev.gantry.store.IdempotencyRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The in-memory store's idempotency keys (see {@code Store.reserveIdempotencyKey}). */
public final class IdempotencyKeys {
  private final Map<String, IdempotencyRecord> keys = new HashMap<>();

  public synchronized boolean reserve(String key, Instant expiresAt, Instant now) {
    IdempotencyRecord held = keys.get(key);
    if (held != null && held.expiresAt().isAfter(now)) {
      return false;
    }
    keys.put(key, new IdempotencyRecord(key, null, expiresAt.truncatedTo(ChronoUnit.MILLIS)));
    return true;
  }

  public synchronized void complete(String key, String answer) {
    IdempotencyRecord held = keys.get(key);
    if (held != null) {
      keys.put(key, new IdempotencyRecord(key, answer, held.expiresAt()));
    }
  }

  public synchronized void release(String key) {
    keys.remove(key);
  }

  public synchronized Optional<IdempotencyRecord> find(String key, Instant now) {
    return Optional.ofNullable(keys.get(key)).filter(r -> r.expiresAt().isAfter(now));
  }

  public synchronized int prune(Instant now) {
    int before = keys.size();
    keys.values().removeIf(r -> !r.expiresAt().isAfter(now));
    return before - keys.size();
  }
}
