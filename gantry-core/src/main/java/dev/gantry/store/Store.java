package dev.gantry.store;

import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Gantry keeps its records. Every implementation passes the contract suite in {@code
 * gantry-testkit} ({@code StoreContract}).
 *
 * <p>Versions: {@code insert*} stores the record with version 1 and returns it. {@code update*}
 * takes the record as last read (its {@code version} is the version read), stores it with version +
 * 1 and returns what was stored; if the stored version differs it throws {@link
 * StaleVersionException} and changes nothing. {@code insert*} of an existing id throws {@link
 * DuplicateIdException}; {@code update*} of an unknown id throws {@link
 * dev.gantry.NotFoundException}. Lists are ordered by creation time, then id (phases by order), as
 * {@link StoreOrder} says. Records come back equal to what was stored: instants at full
 * (nanosecond) precision, maps with their null entries and nesting; numbers in maps come back as
 * JSON reads them (an {@code Integer} if it fits, else a {@code Long}; decimals as {@code Double}).
 * {@code saveResult} replaces an execution's earlier result. Leases ({@link ExecutionLease}) are
 * not versioned records: {@link #claimLease} is the one atomic compare-and-set on them; {@link
 * #deleteTask} and {@link #deleteProject} delete the leases of the executions they delete.
 */
public interface Store extends AutoCloseable {
  Project insertProject(Project project);

  Optional<Project> findProject(ProjectId id);

  List<Project> listProjects();

  Project updateProject(Project project);

  /**
   * Deletes the project with its phases and tasks, and what {@link #deleteTask} deletes with each
   * task, in one transaction.
   */
  boolean deleteProject(ProjectId id);

  Phase insertPhase(Phase phase);

  Optional<Phase> findPhase(PhaseId id);

  /** The project's phases ordered by {@code order}, then creation. */
  List<Phase> listPhases(ProjectId projectId);

  Phase updatePhase(Phase phase);

  /** Deletes the phase; its tasks stay in the project with no phase (each gets version + 1). */
  boolean deletePhase(PhaseId id);

  Task insertTask(Task task);

  Optional<Task> findTask(TaskId id);

  List<Task> listTasks(TaskFilter filter);

  Task updateTask(Task task);

  /**
   * Deletes the task with its pipelines, workflows, their executions, the transitions of those
   * workflows and executions, and their results, in one transaction.
   */
  boolean deleteTask(TaskId id);

  PipelineRecord insertPipeline(PipelineRecord pipeline);

  Optional<PipelineRecord> findPipeline(PipelineId id);

  List<PipelineRecord> listPipelines(TaskId taskId);

  Workflow insertWorkflow(Workflow workflow);

  Optional<Workflow> findWorkflow(WorkflowId id);

  /** Workflows of a task ({@code taskId} may be null for all) in a state ({@code null}: any). */
  List<Workflow> listWorkflows(TaskId taskId, WorkflowState state);

  Workflow updateWorkflow(Workflow workflow);

  /**
   * Deletes the workflow with its executions, the transitions of the workflow and of those
   * executions, and their results, in one transaction; its task and pipelines stay. False when
   * there is no such workflow.
   */
  boolean deleteWorkflow(WorkflowId id);

  Execution insertExecution(Execution execution);

  Optional<Execution> findExecution(ExecutionId id);

  List<Execution> listExecutions(WorkflowId workflowId);

  /** Executions in any of the given states (e.g. the non-terminal ones, for recovery). */
  List<Execution> listExecutionsInState(List<WorkflowState> states);

  Execution updateExecution(Execution execution);

  /**
   * Stores {@code execution} as {@link #updateExecution(Execution)} does and appends {@code
   * transition} (when not null) in the same transaction: both are stored or neither (a stale
   * version stores no transition). One commit instead of two for each state change of a running
   * execution. The default makes the two calls one after the other.
   */
  default Execution updateExecution(Execution execution, Transition transition) {
    Execution stored = updateExecution(execution);
    if (transition != null) {
      appendTransition(transition);
    }
    return stored;
  }

  void appendTransition(Transition transition);

  /** Transitions of one workflow, execution or step entity, oldest first. */
  List<Transition> listTransitions(String entityId);

  /**
   * Transitions of all entities appended after the one numbered {@code afterSeq} ({@code 0}: from
   * the first), in append order, at most {@code limit}. Deleted entities' transitions are gone.
   */
  default List<SequencedTransition> listTransitionsAfter(long afterSeq, int limit) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not list transitions in append order");
  }

  void saveResult(WorkflowResult result);

  Optional<WorkflowResult> findResult(ExecutionId executionId);

  List<WorkflowResult> listResults(TaskId taskId);

  // ---- leases (docs/durability.md): which instance runs which execution

  /**
   * Atomically takes the lease of execution {@code id} for {@code owner} until {@code until}: when
   * nobody holds it, when its holder's lease expired at {@code now}, or when {@code owner} holds it
   * already (then it is extended). Of several instances claiming the same expired lease at once,
   * exactly one gets {@code true}. The execution need not exist yet (an instance claims before it
   * stores a new execution).
   *
   * @return true when {@code owner} holds the lease afterwards
   */
  boolean claimLease(ExecutionId id, String owner, Instant until, Instant now);

  /** Extends every lease {@code owner} holds to {@code until}; returns how many. */
  int renewLeases(String owner, Instant until);

  /** Drops the lease of {@code id} if {@code owner} holds it; true when it did. */
  boolean releaseLease(ExecutionId id, String owner);

  Optional<ExecutionLease> findLease(ExecutionId id);

  /** Every lease, expired or not, ordered by execution id. */
  List<ExecutionLease> listLeases();

  // ---- idempotency keys (docs/api.md): the first answer given for a key, until it expires

  /**
   * Reserves {@code key} for a request until {@code expiresAt}: succeeds when no record of the key
   * is live at {@code now} (an expired one is replaced). Of concurrent reservations of one key
   * exactly one succeeds.
   *
   * @return true when this call reserved the key
   */
  default boolean reserveIdempotencyKey(String key, Instant expiresAt, Instant now) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not keep idempotency keys");
  }

  /** Stores the answer of the request that reserved {@code key}. */
  default void completeIdempotencyKey(String key, String answer) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not keep idempotency keys");
  }

  /** Drops the record of {@code key} (its request failed, so the key may be used again). */
  default void releaseIdempotencyKey(String key) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not keep idempotency keys");
  }

  /** The record of {@code key} if it is live at {@code now}. */
  default Optional<IdempotencyRecord> findIdempotencyKey(String key, Instant now) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not keep idempotency keys");
  }

  /** Deletes the records that expired at {@code now}; returns how many. */
  default int pruneIdempotencyKeys(Instant now) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not keep idempotency keys");
  }

  @Override
  void close();
}
