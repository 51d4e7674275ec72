package dev.gantry.workflow;

import dev.gantry.NotFoundException;
import dev.gantry.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's WorkflowStatusManager: workflows by state, active/completed/failed, counts per state,
 * the history of an execution and the time it spent in each state.
 */
public final class WorkflowStatusManager {
  private final Store store;
  private final Clock clock;

  public WorkflowStatusManager(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public List<Workflow> byState(WorkflowState state) {
    return store.listWorkflows(null, state);
  }

  /** Workflows whose latest execution has not finished. */
  public List<Workflow> active() {
    return store.listWorkflows(null, null).stream().filter(w -> !w.state().isTerminal()).toList();
  }

  public List<Workflow> completed() {
    return byState(WorkflowState.COMPLETED);
  }

  /** Workflows whose latest execution failed or timed out. */
  public List<Workflow> failed() {
    List<Workflow> failed = new ArrayList<>(byState(WorkflowState.FAILED));
    failed.addAll(byState(WorkflowState.TIMED_OUT));
    return failed;
  }

  /** Number of workflows in each state (every state present, zero included). */
  public Map<WorkflowState, Integer> countsByState() {
    Map<WorkflowState, Integer> counts = new EnumMap<>(WorkflowState.class);
    for (WorkflowState s : WorkflowState.values()) {
      counts.put(s, 0);
    }
    store.listWorkflows(null, null).forEach(w -> counts.merge(w.state(), 1, Integer::sum));
    return counts;
  }

  /** Every recorded state change of an execution and its steps, oldest first. */
  public List<Transition> history(ExecutionId id) {
    if (store.findExecution(id).isEmpty()) {
      throw new NotFoundException("execution", id.value());
    }
    return store.listTransitions(id.value());
  }

  /**
   * Time the execution spent in each state it entered; the current state counts up to now if it is
   * not terminal.
   */
  public Map<WorkflowState, Duration> timeInStates(ExecutionId id) {
    List<Transition> executionChanges =
        history(id).stream().filter(t -> t.subject().equals("execution")).toList();
    Map<WorkflowState, Duration> spent = new LinkedHashMap<>();
    for (int i = 0; i < executionChanges.size(); i++) {
      Transition t = executionChanges.get(i);
      WorkflowState state = WorkflowState.parse(t.to());
      Instant end;
      if (i + 1 < executionChanges.size()) {
        end = executionChanges.get(i + 1).at();
      } else {
        end = state.isTerminal() ? t.at() : clock.instant();
      }
      spent.merge(state, Duration.between(t.at(), end), Duration::plus);
    }
    return spent;
  }
}
