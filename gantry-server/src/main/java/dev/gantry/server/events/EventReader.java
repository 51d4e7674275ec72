package dev.gantry.server.events;

import dev.gantry.store.SequencedTransition;
import dev.gantry.store.Store;
import dev.gantry.task.Task;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the store's transitions in append order as {@link StateEvent}s, resolving each execution's
 * workflow, task and project once.
 */
public final class EventReader {
  private static final int CACHE = 4096;

  private final Store store;
  private final Map<String, String[]> owners =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
          return size() > CACHE;
        }
      };

  public EventReader(Store store) {
    this.store = store;
  }

  public List<StateEvent> after(long seq, int limit) {
    List<StateEvent> events = new ArrayList<>();
    for (SequencedTransition st : store.listTransitionsAfter(seq, limit)) {
      Transition t = st.transition();
      String[] o = owners(t.entityId());
      events.add(
          new StateEvent(
              st.seq(),
              t.subject(),
              t.from(),
              t.to(),
              t.at() == null ? null : t.at().toString(),
              o[0],
              o[1],
              o[2],
              o[3],
              t.details()));
    }
    return events;
  }

  /** execution id, workflow id, task id, project id of an entity (nulls when unknown). */
  private synchronized String[] owners(String entityId) {
    String[] known = owners.get(entityId);
    if (known != null) {
      return known;
    }
    String[] found = {null, null, null, null};
    try {
      store
          .findExecution(ExecutionId.of(entityId))
          .ifPresent(
              (Execution e) -> {
                found[0] = e.id().value();
                found[1] = e.workflowId().value();
                found[2] = e.taskId().value();
                found[3] =
                    store
                        .findTask(e.taskId())
                        .map(Task::projectId)
                        .map(p -> p.value())
                        .orElse(null);
              });
    } catch (RuntimeException e) {
      // not an execution id: the event keeps only its entity
    }
    if (found[0] != null) {
      owners.put(entityId, found);
    }
    return found;
  }
}
