package dev.gantry.store;

import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.task.Phase;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The order of the lists a {@link Store} returns: by creation time (records without one first),
 * then by id in Java string order. Phases come by {@code order} first. Every store sorts with these
 * comparators so that the order does not depend on a database's collation.
 */
public final class StoreOrder {
  public static final Comparator<Project> PROJECTS =
      byCreation(Project::createdAt, p -> p.id().value());
  public static final Comparator<Phase> PHASES =
      Comparator.comparingInt(Phase::order)
          .thenComparing(byCreation(Phase::createdAt, p -> p.id().value()));
  public static final Comparator<Task> TASKS = byCreation(Task::createdAt, t -> t.id().value());
  public static final Comparator<PipelineRecord> PIPELINES =
      byCreation(PipelineRecord::createdAt, p -> p.id().value());
  public static final Comparator<Workflow> WORKFLOWS =
      byCreation(Workflow::createdAt, w -> w.id().value());
  public static final Comparator<Execution> EXECUTIONS =
      byCreation(Execution::createdAt, e -> e.id().value());
  public static final Comparator<WorkflowResult> RESULTS =
      byCreation(WorkflowResult::storedAt, r -> r.executionId().value());

  private StoreOrder() {}

  private static <T> Comparator<T> byCreation(
      Function<T, Instant> created, Function<T, String> id) {
    return Comparator.comparing(created, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(id);
  }
}
