package dev.gantry.store.internal;

import dev.gantry.task.Task;
import java.time.Instant;

/** Changes the stores make to tasks on their own (cascades). */
public final class Tasks {
  private Tasks() {}

  /** The task moved out of its phase (the phase was deleted), with {@code updatedAt = now}. */
  public static Task withoutPhase(Task t, Instant now) {
    return new Task(
        t.id(),
        t.projectId(),
        null,
        t.parentId(),
        t.name(),
        t.description(),
        t.status(),
        t.priority(),
        t.metadata(),
        t.progress(),
        t.result(),
        t.error(),
        t.assigneeId(),
        t.assigneeType(),
        t.dependsOn(),
        t.createdAt(),
        now,
        t.version());
  }
}
