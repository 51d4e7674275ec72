package dev.gantry.store;

import dev.gantry.pipeline.PipelineId;
import dev.gantry.pipeline.PipelineRecord;
import dev.gantry.store.internal.IdempotencyKeys;
import dev.gantry.store.internal.Leases;
import dev.gantry.store.internal.RecordMap;
import dev.gantry.store.internal.Tasks;
import dev.gantry.store.internal.TransitionLog;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Store} that keeps everything in memory (tests, {@code --store memory}). Every method
 * holds one lock, so each call is atomic. Records are immutable and kept as given.
 */
public final class InMemoryStore implements Store {
  private final Object lock = new Object();
  private final Clock clock;
  private final RecordMap<Project> projects =
      new RecordMap<>(
          "project",
          p -> p.id().value(),
          Project::version,
          (p, v) -> p.withVersion(v, p.updatedAt()),
          StoreOrder.PROJECTS);
  private final RecordMap<Phase> phases =
      new RecordMap<>(
          "phase",
          p -> p.id().value(),
          Phase::version,
          (p, v) -> p.withVersion(v, p.updatedAt()),
          StoreOrder.PHASES);
  private final RecordMap<Task> tasks =
      new RecordMap<>(
          "task",
          t -> t.id().value(),
          Task::version,
          (t, v) -> t.withVersion(v, t.updatedAt()),
          StoreOrder.TASKS);
  private final RecordMap<PipelineRecord> pipelines =
      RecordMap.unversioned("pipeline", p -> p.id().value(), StoreOrder.PIPELINES);
  private final RecordMap<Workflow> workflows =
      new RecordMap<>(
          "workflow",
          w -> w.id().value(),
          Workflow::version,
          (w, v) -> w.withVersion(v, w.updatedAt()),
          StoreOrder.WORKFLOWS);
  private final RecordMap<Execution> executions =
      new RecordMap<>(
          "execution",
          e -> e.id().value(),
          Execution::version,
          Execution::withVersion,
          StoreOrder.EXECUTIONS);
  private final TransitionLog transitions = new TransitionLog();
  private final Map<ExecutionId, WorkflowResult> results = new LinkedHashMap<>();
  private final IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
  private final Leases leases = new Leases();

  public InMemoryStore() {
    this(Clock.systemUTC());
  }

  /** {@code clock} stamps the tasks a phase deletion moves out of the phase. */
  public InMemoryStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Project insertProject(Project project) {
    synchronized (lock) {
      return projects.insert(project);
    }
  }

  @Override
  public Optional<Project> findProject(ProjectId id) {
    synchronized (lock) {
      return projects.find(id.value());
    }
  }

  @Override
  public List<Project> listProjects() {
    synchronized (lock) {
      return projects.list(p -> true);
    }
  }

  @Override
  public Project updateProject(Project project) {
    synchronized (lock) {
      return projects.update(project);
    }
  }

  @Override
  public boolean deleteProject(ProjectId id) {
    synchronized (lock) {
      for (Task t : tasks.list(t -> t.projectId().equals(id))) {
        deleteTaskAndChildren(t.id());
      }
      phases.deleteIf(p -> p.projectId().equals(id));
      return projects.delete(id.value());
    }
  }

  @Override
  public Phase insertPhase(Phase phase) {
    synchronized (lock) {
      return phases.insert(phase);
    }
  }

  @Override
  public Optional<Phase> findPhase(PhaseId id) {
    synchronized (lock) {
      return phases.find(id.value());
    }
  }

  @Override
  public List<Phase> listPhases(ProjectId projectId) {
    synchronized (lock) {
      return phases.list(p -> p.projectId().equals(projectId));
    }
  }

  @Override
  public Phase updatePhase(Phase phase) {
    synchronized (lock) {
      return phases.update(phase);
    }
  }

  @Override
  public boolean deletePhase(PhaseId id) {
    synchronized (lock) {
      for (Task t : tasks.list(t -> id.equals(t.phaseId()))) {
        tasks.update(Tasks.withoutPhase(t, clock.instant()));
      }
      return phases.delete(id.value());
    }
  }

  @Override
  public Task insertTask(Task task) {
    synchronized (lock) {
      return tasks.insert(task);
    }
  }

  @Override
  public Optional<Task> findTask(TaskId id) {
    synchronized (lock) {
      return tasks.find(id.value());
    }
  }

  @Override
  public List<Task> listTasks(TaskFilter filter) {
    TaskFilter f = filter == null ? TaskFilter.all() : filter;
    synchronized (lock) {
      return tasks.list(f::matches);
    }
  }

  @Override
  public Task updateTask(Task task) {
    synchronized (lock) {
      return tasks.update(task);
    }
  }

  @Override
  public boolean deleteTask(TaskId id) {
    synchronized (lock) {
      return deleteTaskAndChildren(id);
    }
  }

  private boolean deleteTaskAndChildren(TaskId id) {
    Set<String> owners = new HashSet<>();
    Set<WorkflowId> workflowIds = new HashSet<>();
    for (Workflow w : workflows.list(w -> w.taskId().equals(id))) {
      workflowIds.add(w.id());
      owners.add(w.id().value());
    }
    Set<ExecutionId> executionIds = new HashSet<>();
    for (Execution e :
        executions.list(e -> e.taskId().equals(id) || workflowIds.contains(e.workflowId()))) {
      executionIds.add(e.id());
      owners.add(e.id().value());
    }
    transitions.removeEntities(owners);
    results.values().removeIf(r -> id.equals(r.taskId()) || executionIds.contains(r.executionId()));
    leases.removeAll(executionIds);
    executions.deleteIf(e -> executionIds.contains(e.id()));
    workflows.deleteIf(w -> workflowIds.contains(w.id()));
    pipelines.deleteIf(p -> p.taskId().equals(id));
    return tasks.delete(id.value());
  }

  @Override
  public boolean deleteWorkflow(WorkflowId id) {
    synchronized (lock) {
      if (workflows.find(id.value()).isEmpty()) {
        return false;
      }
      Set<String> owners = new HashSet<>();
      owners.add(id.value());
      Set<ExecutionId> executionIds = new HashSet<>();
      for (Execution e : executions.list(e -> e.workflowId().equals(id))) {
        executionIds.add(e.id());
        owners.add(e.id().value());
      }
      transitions.removeEntities(owners);
      results.values().removeIf(r -> executionIds.contains(r.executionId()));
      executions.deleteIf(e -> executionIds.contains(e.id()));
      return workflows.delete(id.value());
    }
  }

  @Override
  public PipelineRecord insertPipeline(PipelineRecord pipeline) {
    synchronized (lock) {
      return pipelines.insert(pipeline);
    }
  }

  @Override
  public Optional<PipelineRecord> findPipeline(PipelineId id) {
    synchronized (lock) {
      return pipelines.find(id.value());
    }
  }

  @Override
  public List<PipelineRecord> listPipelines(TaskId taskId) {
    synchronized (lock) {
      return pipelines.list(p -> taskId == null || p.taskId().equals(taskId));
    }
  }

  @Override
  public Workflow insertWorkflow(Workflow workflow) {
    synchronized (lock) {
      return workflows.insert(workflow);
    }
  }

  @Override
  public Optional<Workflow> findWorkflow(WorkflowId id) {
    synchronized (lock) {
      return workflows.find(id.value());
    }
  }

  @Override
  public List<Workflow> listWorkflows(TaskId taskId, WorkflowState state) {
    synchronized (lock) {
      return workflows.list(
          w ->
              (taskId == null || w.taskId().equals(taskId))
                  && (state == null || w.state() == state));
    }
  }

  @Override
  public Workflow updateWorkflow(Workflow workflow) {
    synchronized (lock) {
      return workflows.update(workflow);
    }
  }

  @Override
  public Execution insertExecution(Execution execution) {
    synchronized (lock) {
      return executions.insert(execution);
    }
  }

  @Override
  public Optional<Execution> findExecution(ExecutionId id) {
    synchronized (lock) {
      return executions.find(id.value());
    }
  }

  @Override
  public List<Execution> listExecutions(WorkflowId workflowId) {
    synchronized (lock) {
      return executions.list(e -> e.workflowId().equals(workflowId));
    }
  }

  @Override
  public List<Execution> listExecutionsInState(List<WorkflowState> states) {
    Set<WorkflowState> wanted = Set.copyOf(states);
    synchronized (lock) {
      return executions.list(e -> wanted.contains(e.state()));
    }
  }

  @Override
  public Execution updateExecution(Execution execution) {
    synchronized (lock) {
      return executions.update(execution);
    }
  }

  @Override
  public Execution updateExecution(Execution execution, Transition transition) {
    synchronized (lock) {
      Execution stored = executions.update(execution);
      if (transition != null) {
        appendTransition(transition);
      }
      return stored;
    }
  }

  @Override
  public void appendTransition(Transition transition) {
    transitions.append(transition);
  }

  @Override
  public List<Transition> listTransitions(String entityId) {
    return transitions.forEntity(entityId);
  }

  @Override
  public List<SequencedTransition> listTransitionsAfter(long afterSeq, int limit) {
    return transitions.after(afterSeq, limit);
  }

  @Override
  public void saveResult(WorkflowResult result) {
    Objects.requireNonNull(result.executionId(), "executionId");
    synchronized (lock) {
      results.put(result.executionId(), result);
    }
  }

  @Override
  public Optional<WorkflowResult> findResult(ExecutionId executionId) {
    synchronized (lock) {
      return Optional.ofNullable(results.get(executionId));
    }
  }

  @Override
  public List<WorkflowResult> listResults(TaskId taskId) {
    synchronized (lock) {
      return results.values().stream()
          .filter(r -> taskId == null || taskId.equals(r.taskId()))
          .sorted(StoreOrder.RESULTS)
          .toList();
    }
  }

  @Override
  public boolean claimLease(ExecutionId id, String owner, Instant until, Instant now) {
    return leases.claim(id, owner, until, now);
  }

  @Override
  public int renewLeases(String owner, Instant until) {
    return leases.renew(owner, until);
  }

  @Override
  public boolean releaseLease(ExecutionId id, String owner) {
    return leases.release(id, owner);
  }

  @Override
  public Optional<ExecutionLease> findLease(ExecutionId id) {
    return leases.find(id);
  }

  @Override
  public List<ExecutionLease> listLeases() {
    return leases.list();
  }

  @Override
  public boolean reserveIdempotencyKey(String key, Instant expiresAt, Instant now) {
    return idempotencyKeys.reserve(key, expiresAt, now);
  }

  @Override
  public void completeIdempotencyKey(String key, String answer) {
    idempotencyKeys.complete(key, answer);
  }

  @Override
  public void releaseIdempotencyKey(String key) {
    idempotencyKeys.release(key);
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotencyKey(String key, Instant now) {
    return idempotencyKeys.find(key, now);
  }

  @Override
  public int pruneIdempotencyKeys(Instant now) {
    return idempotencyKeys.prune(now);
  }

  @Override
  public void close() {
    // Nothing to release: the records go with the object.
  }
}
