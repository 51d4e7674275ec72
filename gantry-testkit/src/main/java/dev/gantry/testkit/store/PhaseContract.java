package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.P2;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.phase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.ProjectId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phases: ordering by {@code order}, versions, delete. */
public interface PhaseContract extends StoreUnderTest {
  @Test
  default void listIsOrderedByOrderThenCreationThenIdAndOnlyHasTheProjectsPhases() {
    store().insertPhase(phase("late", P1, 2, T0));
    store().insertPhase(phase("second", P1, 1, at(10)));
    store().insertPhase(phase("first-b", P1, 1, T0));
    store().insertPhase(phase("first-a", P1, 1, T0));
    store().insertPhase(phase("negative", P1, -1, at(99)));
    store().insertPhase(phase("other", P2, 0, T0));

    assertThat(store().listPhases(P1))
        .extracting(p -> p.id().value())
        .containsExactly("negative", "first-a", "first-b", "second", "late");
    assertThat(store().listPhases(P2)).extracting(p -> p.id().value()).containsExactly("other");
    assertThat(store().listPhases(ProjectId.of("none"))).isEmpty();
  }

  @Test
  default void updateIncrementsVersionAndReordersTheList() {
    Phase a = store().insertPhase(phase("a", P1, 1, T0));
    store().insertPhase(phase("b", P1, 2, T0));
    assertThat(a.version()).isEqualTo(1);

    Phase moved = new Phase(a.id(), P1, "A moved", "now last", 3, Map.of("m", true), T0, at(5), 1);
    Phase stored = store().updatePhase(moved);

    assertThat(stored).isEqualTo(moved.withVersion(2, at(5)));
    assertThat(store().findPhase(a.id())).contains(stored);
    assertThat(store().listPhases(P1)).extracting(p -> p.id().value()).containsExactly("b", "a");
  }

  @Test
  default void stalePhaseUpdateThrowsAndChangesNothing() {
    Phase v1 = store().insertPhase(phase("a", P1, 1, T0));
    Phase v2 = store().updatePhase(v1.withVersion(1, at(1)));

    assertThatThrownBy(() -> store().updatePhase(v1.withVersion(1, at(2))))
        .isInstanceOf(StaleVersionException.class);
    assertThat(store().findPhase(v1.id())).contains(v2);
  }

  @Test
  default void duplicatePhaseInsertThrows() {
    store().insertPhase(phase("a", P1, 1, T0));
    assertThatThrownBy(() -> store().insertPhase(phase("a", P2, 1, T0)))
        .isInstanceOf(DuplicateIdException.class);
    assertThat(store().listPhases(P2)).isEmpty();
  }

  @Test
  default void deleteReportsWhetherItRemovedThePhase() {
    store().insertPhase(phase("a", P1, 1, T0));

    assertThat(store().deletePhase(PhaseId.of("a"))).isTrue();
    assertThat(store().deletePhase(PhaseId.of("a"))).isFalse();
    assertThat(store().findPhase(PhaseId.of("a"))).isEmpty();
    assertThat(store().listPhases(P1)).isEmpty();
  }
}
