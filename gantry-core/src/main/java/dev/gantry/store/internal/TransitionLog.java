package dev.gantry.store.internal;

import dev.gantry.store.SequencedTransition;
import dev.gantry.workflow.Transition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory store's ordered transition log: each appended transition gets the next sequence
 * number (see {@code Store.listTransitionsAfter}). Its own monitor guards it; it never takes the
 * store's lock, so the store may call it under its own.
 */
public final class TransitionLog {
  private final List<SequencedTransition> transitions = new ArrayList<>();
  private long seq;

  public synchronized void append(Transition transition) {
    Objects.requireNonNull(transition.entityId(), "entityId");
    transitions.add(new SequencedTransition(++seq, transition));
  }

  public synchronized List<Transition> forEntity(String entityId) {
    return transitions.stream()
        .map(SequencedTransition::transition)
        .filter(t -> t.entityId().equals(entityId))
        .toList();
  }

  public synchronized List<SequencedTransition> after(long afterSeq, int limit) {
    return transitions.stream().filter(t -> t.seq() > afterSeq).limit(limit).toList();
  }

  /** Drops the transitions of deleted entities; sequence numbers are never reused. */
  public synchronized void removeEntities(Collection<String> entityIds) {
    transitions.removeIf(t -> entityIds.contains(t.transition().entityId()));
  }
}
