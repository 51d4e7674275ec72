package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM (and Ctrl-C) shut an open {@link TaskWorkflowIntegration} down gracefully: no new work,
 * running steps get {@code shutdown.grace_seconds}, then their containers are stopped and their
 * executions left queued for the next start ({@code docs/durability.md}).
 */
public final class ShutdownHook {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);

  private ShutdownHook() {}

  /** Registers the hook; it does nothing if {@code gantry} was closed before the JVM exits. */
  public static Thread install(TaskWorkflowIntegration gantry) {
    Thread hook =
        new Thread(
            () -> {
              LOG.info("shutting down gracefully (signal)");
              gantry.shutdown();
            },
            "gantry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }
}
