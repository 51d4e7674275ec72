package dev.gantry.api.internal;

import dev.gantry.api.BatchOutcome;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDependencies;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans a batch: orders the selected tasks so that each comes after its dependencies (a cycle is an
 * error naming it) and decides up front what it can: a completed task is skipped unless forced, a
 * task whose dependency outside the batch failed is blocked, one whose dependency outside the batch
 * is not completed is skipped.
 */
public final class BatchPlanner {
  private BatchPlanner() {}

  /**
   * One task of the plan.
   *
   * @param preset the outcome decided before running ({@code null}: the task is to run)
   * @param satisfied true when the task counts as done for its dependents without running
   */
  public record PlannedTask(Task task, BatchOutcome preset, String reason, boolean satisfied) {
    static PlannedTask toRun(Task task) {
      return new PlannedTask(task, null, null, false);
    }

    public TaskId id() {
      return task.id();
    }
  }

  /**
   * The plan of {@code selected}; {@code outside} finds tasks the batch does not contain.
   *
   * @throws dev.gantry.InvalidInputException ({@code depends_on}) when the tasks form a cycle
   */
  public static List<PlannedTask> plan(
      List<Task> selected, Function<TaskId, Optional<Task>> outside, boolean force) {
    return plan(selected, outside, t -> Optional.empty(), force);
  }

  /**
   * The plan, where {@code activeExecution} gives the id of an execution of the task that has not
   * ended yet: such a task is skipped rather than run twice at once.
   */
  public static List<PlannedTask> plan(
      List<Task> selected,
      Function<TaskId, Optional<Task>> outside,
      Function<Task, Optional<String>> activeExecution,
      boolean force) {
    Map<TaskId, Task> byId = new LinkedHashMap<>();
    selected.forEach(t -> byId.put(t.id(), t));
    List<PlannedTask> plan = new ArrayList<>();
    for (TaskId id : TaskDependencies.order(TaskDependencies.of(selected))) {
      Task task = byId.get(id);
      Optional<String> active = activeExecution.apply(task);
      plan.add(
          active.isPresent()
              ? new PlannedTask(
                  task,
                  BatchOutcome.SKIPPED,
                  "its execution "
                      + active.get()
                      + " has not ended yet (wait for it or cancel it with cancelExecution)",
                  false)
              : decide(task, byId, outside, force));
    }
    return plan;
  }

  private static PlannedTask decide(
      Task task, Map<TaskId, Task> batch, Function<TaskId, Optional<Task>> outside, boolean force) {
    if (task.status() == TaskStatus.COMPLETED && !force) {
      return new PlannedTask(
          task, BatchOutcome.SKIPPED, "already completed (force runs it again)", true);
    }
    for (TaskId dep : task.dependsOn()) {
      if (batch.containsKey(dep)) {
        continue;
      }
      Optional<Task> found = outside.apply(dep);
      if (found.isEmpty()) {
        return new PlannedTask(
            task, BatchOutcome.SKIPPED, "dependency '" + dep + "' no longer exists", false);
      }
      TaskStatus status = found.get().status();
      switch (status) {
        case COMPLETED -> {}
        case FAILED, BLOCKED, CANCELLED -> {
          return new PlannedTask(
              task,
              BatchOutcome.BLOCKED,
              "dependency '" + dep + "' (not in this batch) is " + status.wireName(),
              false);
        }
        default -> {
          return new PlannedTask(
              task,
              BatchOutcome.SKIPPED,
              "dependency '"
                  + dep
                  + "' is not in this batch and is "
                  + status.wireName()
                  + "; run it first or widen the batch's filters",
              false);
        }
      }
    }
    return PlannedTask.toRun(task);
  }
}
