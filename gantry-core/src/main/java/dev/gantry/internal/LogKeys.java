package dev.gantry.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC keys of Gantry's log lines, defined once: {@code task_id}, {@code workflow_id}, {@code
 * execution_id}, {@code step}, {@code container_id}.
 */
public final class LogKeys {
  public static final String TASK_ID = "task_id";
  public static final String WORKFLOW_ID = "workflow_id";
  public static final String EXECUTION_ID = "execution_id";
  public static final String STEP = "step";
  public static final String CONTAINER_ID = "container_id";

  /** Logger namespace of container output: {@code gantry.container.<step>}. */
  public static final String CONTAINER_LOGGER = "gantry.container";

  private LogKeys() {}

  /** Puts the entries into the MDC until the returned scope is closed. */
  public static Scope put(Map<String, String> entries) {
    Map<String, String> previous = new LinkedHashMap<>();
    entries.forEach(
        (k, v) -> {
          previous.put(k, MDC.get(k));
          if (v == null) {
            MDC.remove(k);
          } else {
            MDC.put(k, v);
          }
        });
    return () ->
        previous.forEach(
            (k, v) -> {
              if (v == null) {
                MDC.remove(k);
              } else {
                MDC.put(k, v);
              }
            });
  }

  /** An MDC scope; closing it restores the previous values. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
