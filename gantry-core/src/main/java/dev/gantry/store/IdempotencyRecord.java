package dev.gantry.store;

import java.time.Instant;

/**
 * The first request made with an {@code Idempotency-Key} (docs/api.md).
 *
 * @param key the caller's scoped key (e.g. a hash of caller, route and key)
 * @param answer the first request's answer (JSON), or {@code null} while that request still runs
 * @param expiresAt when the key may be used for a new request again
 */
public record IdempotencyRecord(String key, String answer, Instant expiresAt) {}
