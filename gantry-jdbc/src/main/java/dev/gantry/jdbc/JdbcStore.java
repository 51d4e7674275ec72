package dev.gantry.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.store.ExecutionLease;
import dev.gantry.store.IdempotencyRecord;
import dev.gantry.store.SequencedTransition;
import dev.gantry.store.Store;
import dev.gantry.store.internal.Tasks;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowResult;
import dev.gantry.workflow.WorkflowState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Store} on a relational database (H2 or PostgreSQL) through a connection pool. Each
 * record is a row with its JSON document and the columns the store filters on; updates are
 * conditional on the version ({@code UPDATE ... WHERE id = ? AND version = ?}); cascading deletes
 * run in one transaction. Lists are sorted with {@link dev.gantry.store.StoreOrder}.
 */
public final class JdbcStore implements Store {
  private final HikariDataSource dataSource;
  private final Database db;
  private final Clock clock;
  private final Tables tables = new Tables();

  /**
   * A store on a migrated database. It owns {@code dataSource} and closes it; {@code clock} stamps
   * the tasks a phase deletion moves out of the phase.
   */
  JdbcStore(HikariDataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.db = new Database(dataSource);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Project insertProject(Project project) {
    return db.run("insert project " + project.id(), c -> tables.projects.insert(c, project));
  }

  @Override
  public Optional<Project> findProject(ProjectId id) {
    return db.run("read project " + id, c -> tables.projects.find(c, id.value()));
  }

  @Override
  public List<Project> listProjects() {
    return db.run("list projects", c -> tables.projects.select(c, "", List.of()));
  }

  @Override
  public Project updateProject(Project project) {
    return db.run("update project " + project.id(), c -> tables.projects.update(c, project));
  }

  @Override
  public boolean deleteProject(ProjectId id) {
    return db.transaction(
        "delete project " + id,
        c -> {
          Cascade.deleteTaskChildren(c, "SELECT id FROM tasks WHERE project_id = ?", id.value());
          Database.update(c, "DELETE FROM tasks WHERE project_id = ?", id.value());
          Database.update(c, "DELETE FROM phases WHERE project_id = ?", id.value());
          return tables.projects.delete(c, id.value());
        });
  }

  @Override
  public Phase insertPhase(Phase phase) {
    return db.run("insert phase " + phase.id(), c -> tables.phases.insert(c, phase));
  }

  @Override
  public Optional<Phase> findPhase(PhaseId id) {
    return db.run("read phase " + id, c -> tables.phases.find(c, id.value()));
  }

  @Override
  public List<Phase> listPhases(ProjectId projectId) {
    return db.run(
        "list phases of project " + projectId,
        c -> tables.phases.select(c, "WHERE project_id = ?", List.of(projectId.value())));
  }

  @Override
  public Phase updatePhase(Phase phase) {
    return db.run("update phase " + phase.id(), c -> tables.phases.update(c, phase));
  }

  @Override
  public boolean deletePhase(PhaseId id) {
    return db.transaction(
        "delete phase " + id,
        c -> {
          List<Task> inPhase =
              tables.tasks.select(c, "WHERE phase_id = ? FOR UPDATE", List.of(id.value()));
          for (Task t : inPhase) {
            tables.tasks.update(c, Tasks.withoutPhase(t, clock.instant()));
          }
          return tables.phases.delete(c, id.value());
        });
  }

  @Override
  public Task insertTask(Task task) {
    return db.run("insert task " + task.id(), c -> tables.tasks.insert(c, task));
  }

  @Override
  public Optional<Task> findTask(TaskId id) {
    return db.run("read task " + id, c -> tables.tasks.find(c, id.value()));
  }

  @Override
  public List<Task> listTasks(TaskFilter filter) {
    TaskFilter f = filter == null ? TaskFilter.all() : filter;
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (f.projectId() != null) {
      conditions.add("project_id = ?");
      params.add(f.projectId().value());
    }
    if (f.phaseId() != null) {
      conditions.add("phase_id = ?");
      params.add(f.phaseId().value());
    }
    if (f.status() != null) {
      conditions.add("status = ?");
      params.add(f.status().wireName());
    }
    if (f.assigneeId() != null) {
      conditions.add("assignee_id = ?");
      params.add(f.assigneeId());
    }
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    return db.run("list tasks", c -> tables.tasks.select(c, where, params));
  }

  @Override
  public Task updateTask(Task task) {
    return db.run("update task " + task.id(), c -> tables.tasks.update(c, task));
  }

  @Override
  public boolean deleteTask(TaskId id) {
    return db.transaction(
        "delete task " + id,
        c -> {
          Cascade.deleteTaskChildren(c, "?", id.value());
          return tables.tasks.delete(c, id.value());
        });
  }

  @Override
  public PipelineRecord insertPipeline(PipelineRecord pipeline) {
    return db.run("insert pipeline " + pipeline.id(), c -> tables.pipelines.insert(c, pipeline));
  }

  @Override
  public Optional<PipelineRecord> findPipeline(PipelineId id) {
    return db.run("read pipeline " + id, c -> tables.pipelines.find(c, id.value()));
  }

  @Override
  public List<PipelineRecord> listPipelines(TaskId taskId) {
    return db.run(
        "list pipelines",
        c ->
            taskId == null
                ? tables.pipelines.select(c, "", List.of())
                : tables.pipelines.select(c, "WHERE task_id = ?", List.of(taskId.value())));
  }

  @Override
  public Workflow insertWorkflow(Workflow workflow) {
    return db.run("insert workflow " + workflow.id(), c -> tables.workflows.insert(c, workflow));
  }

  @Override
  public Optional<Workflow> findWorkflow(WorkflowId id) {
    return db.run("read workflow " + id, c -> tables.workflows.find(c, id.value()));
  }

  @Override
  public List<Workflow> listWorkflows(TaskId taskId, WorkflowState state) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (taskId != null) {
      conditions.add("task_id = ?");
      params.add(taskId.value());
    }
    if (state != null) {
      conditions.add("state = ?");
      params.add(state.wireName());
    }
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    return db.run("list workflows", c -> tables.workflows.select(c, where, params));
  }

  @Override
  public Workflow updateWorkflow(Workflow workflow) {
    return db.run("update workflow " + workflow.id(), c -> tables.workflows.update(c, workflow));
  }

  @Override
  public boolean deleteWorkflow(WorkflowId id) {
    return db.transaction(
        "delete workflow " + id,
        c -> {
          Cascade.deleteWorkflowChildren(c, id.value());
          return tables.workflows.delete(c, id.value());
        });
  }

  @Override
  public Execution insertExecution(Execution execution) {
    return db.run(
        "insert execution " + execution.id(), c -> tables.executions.insert(c, execution));
  }

  @Override
  public Optional<Execution> findExecution(ExecutionId id) {
    return db.run("read execution " + id, c -> tables.executions.find(c, id.value()));
  }

  @Override
  public List<Execution> listExecutions(WorkflowId workflowId) {
    return db.run(
        "list executions of workflow " + workflowId,
        c -> tables.executions.select(c, "WHERE workflow_id = ?", List.of(workflowId.value())));
  }

  @Override
  public List<Execution> listExecutionsInState(List<WorkflowState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", states.stream().map(s -> "?").toList());
    List<String> names = states.stream().map(WorkflowState::wireName).toList();
    return db.run(
        "list executions in states " + names,
        c -> tables.executions.select(c, "WHERE state IN (" + marks + ")", names));
  }

  @Override
  public Execution updateExecution(Execution execution) {
    return db.run(
        "update execution " + execution.id(), c -> tables.executions.update(c, execution));
  }

  @Override
  public Execution updateExecution(Execution execution, Transition transition) {
    if (transition == null) {
      return updateExecution(execution);
    }
    Objects.requireNonNull(transition.entityId(), "entityId");
    return db.transaction(
        "update execution " + execution.id() + " and record its transition",
        c -> {
          Execution stored = tables.executions.update(c, execution);
          TransitionLog.append(c, transition);
          return stored;
        });
  }

  @Override
  public void appendTransition(Transition transition) {
    Objects.requireNonNull(transition.entityId(), "entityId");
    db.run(
        "record a transition of " + transition.entityId(),
        c -> {
          TransitionLog.append(c, transition);
          return null;
        });
  }

  @Override
  public List<Transition> listTransitions(String entityId) {
    return db.run("list transitions of " + entityId, c -> TransitionLog.list(c, entityId));
  }

  @Override
  public List<SequencedTransition> listTransitionsAfter(long afterSeq, int limit) {
    return db.run(
        "list transitions after " + afterSeq, c -> TransitionLog.after(c, afterSeq, limit));
  }

  @Override
  public void saveResult(WorkflowResult result) {
    Objects.requireNonNull(result.executionId(), "executionId");
    db.run(
        "save the result of execution " + result.executionId(),
        c -> {
          tables.results.upsert(c, result);
          return null;
        });
  }

  @Override
  public Optional<WorkflowResult> findResult(ExecutionId executionId) {
    return db.run(
        "read the result of execution " + executionId,
        c -> tables.results.find(c, executionId.value()));
  }

  @Override
  public List<WorkflowResult> listResults(TaskId taskId) {
    return db.run(
        "list results",
        c ->
            taskId == null
                ? tables.results.select(c, "", List.of())
                : tables.results.select(c, "WHERE task_id = ?", List.of(taskId.value())));
  }

  @Override
  public boolean claimLease(ExecutionId id, String owner, Instant until, Instant now) {
    return db.run(
        "claim the lease of execution " + id, c -> LeaseTable.claim(c, id, owner, until, now));
  }

  @Override
  public int renewLeases(String owner, Instant until) {
    return db.run("renew the leases of " + owner, c -> LeaseTable.renew(c, owner, until));
  }

  @Override
  public boolean releaseLease(ExecutionId id, String owner) {
    return db.run("release the lease of execution " + id, c -> LeaseTable.release(c, id, owner));
  }

  @Override
  public Optional<ExecutionLease> findLease(ExecutionId id) {
    return db.run("read the lease of execution " + id, c -> LeaseTable.find(c, id));
  }

  @Override
  public List<ExecutionLease> listLeases() {
    return db.run("list leases", LeaseTable::list);
  }

  @Override
  public boolean reserveIdempotencyKey(String key, Instant expiresAt, Instant now) {
    return db.run(
        "reserve an idempotency key", c -> IdempotencyTable.reserve(c, key, expiresAt, now));
  }

  @Override
  public void completeIdempotencyKey(String key, String answer) {
    db.run(
        "store the answer of an idempotency key", c -> IdempotencyTable.complete(c, key, answer));
  }

  @Override
  public void releaseIdempotencyKey(String key) {
    db.run("release an idempotency key", c -> IdempotencyTable.release(c, key));
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String key, Instant now) {
    return db.run("read an idempotency key", c -> IdempotencyTable.find(c, key, now));
  }

  @Override
  public int pruneIdempotencyKeys(Instant now) {
    return db.run("prune idempotency keys", c -> IdempotencyTable.prune(c, now));
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
