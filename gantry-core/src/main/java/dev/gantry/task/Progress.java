package dev.gantry.task;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Progress of a project or phase: task counts per status and the mean of the tasks' progress (a
 * completed task counts as 100).
 */
public record Progress(int total, int completed, int percent, Map<TaskStatus, Integer> byStatus) {
  public Progress {
    byStatus = Map.copyOf(byStatus);
  }

  public static Progress of(Collection<Task> tasks) {
    EnumMap<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
    long sum = 0;
    for (Task t : tasks) {
      counts.merge(t.status(), 1, Integer::sum);
      sum += t.status() == TaskStatus.COMPLETED ? 100 : t.progress();
    }
    int total = tasks.size();
    int percent = total == 0 ? 0 : (int) (sum / total);
    return new Progress(total, counts.getOrDefault(TaskStatus.COMPLETED, 0), percent, counts);
  }
}
