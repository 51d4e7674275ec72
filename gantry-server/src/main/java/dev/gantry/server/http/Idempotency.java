package dev.gantry.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on the POSTs that start executions: the first request with a key starts
 * the execution; later requests of the same caller with the same key on the same route get the same
 * answer. The last {@value #CAPACITY} keys are kept in memory for the life of the server.
 */
public final class Idempotency {
  static final int CAPACITY = 10_000;
  public static final String HEADER = "Idempotency-Key";

  private final Map<String, Object> answers =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          return size() > CAPACITY;
        }
      };

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
    Object caller = ctx.attribute(dev.gantry.server.auth.AccessCheck.PRINCIPAL);
    String who = caller instanceof dev.gantry.server.auth.Principal p ? p.name() : "";
    String scoped = who + " " + ctx.matchedPath() + " " + ctx.pathParamMap() + " " + key;
    synchronized (this) {
      Object known = answers.get(scoped);
      if (known != null) {
        ctx.header("Idempotent-Replayed", "true");
        return known;
      }
      Object answer = start.get();
      answers.put(scoped, answer);
      return answer;
    }
  }
}
