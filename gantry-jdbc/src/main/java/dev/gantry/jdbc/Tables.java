package dev.gantry.jdbc;

import static dev.gantry.jdbc.Column.integer;
import static dev.gantry.jdbc.Column.millis;
import static dev.gantry.jdbc.Column.text;

import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.store.StoreOrder;
import dev.gantry.task.Phase;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowResult;
import java.util.List;
import java.util.Objects;

/** The record tables of {@code V1__init.sql} and which record field fills which column. */
final class Tables {
  final DocTable<Project> projects =
      new DocTable<>(
          "project",
          "projects",
          "id",
          Project.class,
          p -> p.id().value(),
          new DocTable.Versioning<>(Project::version, (p, v) -> p.withVersion(v, p.updatedAt())),
          StoreOrder.PROJECTS,
          List.of(millis("created_at", Project::createdAt)));

  final DocTable<Phase> phases =
      new DocTable<>(
          "phase",
          "phases",
          "id",
          Phase.class,
          p -> p.id().value(),
          new DocTable.Versioning<>(Phase::version, (p, v) -> p.withVersion(v, p.updatedAt())),
          StoreOrder.PHASES,
          List.of(
              text("project_id", p -> p.projectId().value()),
              integer("sort_order", Phase::order),
              millis("created_at", Phase::createdAt)));

  final DocTable<Task> tasks =
      new DocTable<>(
          "task",
          "tasks",
          "id",
          Task.class,
          t -> t.id().value(),
          new DocTable.Versioning<>(Task::version, (t, v) -> t.withVersion(v, t.updatedAt())),
          StoreOrder.TASKS,
          List.of(
              text("project_id", t -> t.projectId().value()),
              text("phase_id", t -> Objects.toString(t.phaseId(), null)),
              text("parent_id", t -> Objects.toString(t.parentId(), null)),
              text("status", t -> t.status().wireName()),
              text("assignee_id", Task::assigneeId),
              millis("created_at", Task::createdAt)));

  final DocTable<PipelineRecord> pipelines =
      new DocTable<>(
          "pipeline",
          "pipelines",
          "id",
          PipelineRecord.class,
          p -> p.id().value(),
          null,
          StoreOrder.PIPELINES,
          List.of(
              text("task_id", p -> p.taskId().value()),
              millis("created_at", PipelineRecord::createdAt)));

  final DocTable<Workflow> workflows =
      new DocTable<>(
          "workflow",
          "workflows",
          "id",
          Workflow.class,
          w -> w.id().value(),
          new DocTable.Versioning<>(Workflow::version, (w, v) -> w.withVersion(v, w.updatedAt())),
          StoreOrder.WORKFLOWS,
          List.of(
              text("task_id", w -> w.taskId().value()),
              text("state", w -> w.state().wireName()),
              millis("created_at", Workflow::createdAt)));

  final DocTable<Execution> executions =
      new DocTable<>(
          "execution",
          "executions",
          "id",
          Execution.class,
          e -> e.id().value(),
          new DocTable.Versioning<>(Execution::version, Execution::withVersion),
          StoreOrder.EXECUTIONS,
          List.of(
              text("workflow_id", e -> e.workflowId().value()),
              text("task_id", e -> e.taskId().value()),
              text("state", e -> e.state().wireName()),
              millis("created_at", Execution::createdAt)));

  final DocTable<WorkflowResult> results =
      new DocTable<>(
          "result",
          "results",
          "execution_id",
          WorkflowResult.class,
          r -> r.executionId().value(),
          null,
          StoreOrder.RESULTS,
          List.of(
              text("workflow_id", r -> Objects.toString(r.workflowId(), null)),
              text("task_id", r -> Objects.toString(r.taskId(), null)),
              millis("stored_at", WorkflowResult::storedAt)));
}
