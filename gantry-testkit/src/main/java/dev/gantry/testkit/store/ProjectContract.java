package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.NotFoundException;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projects: versions, optimistic locking, duplicates, order, delete. */
public interface ProjectContract extends StoreUnderTest {
  @Test
  default void insertStoresVersionOneWhateverVersionIsGiven() {
    Project given = project("p-1", T0).withVersion(7, T0);

    Project stored = store().insertProject(given);

    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored).isEqualTo(given.withVersion(1, T0));
    assertThat(store().findProject(ProjectId.of("p-1"))).contains(stored);
  }

  @Test
  default void findOfUnknownIdIsEmpty() {
    assertThat(store().findProject(ProjectId.of("nope"))).isEmpty();
  }

  @Test
  default void updateIncrementsVersionAndKeepsTheCallersUpdatedAt() {
    Project v1 = store().insertProject(project("p-1", T0));
    Project changed =
        new Project(v1.id(), "renamed", "new", Map.of("a", 1), v1.createdAt(), at(60), 1);

    Project v2 = store().updateProject(changed);
    Project v3 = store().updateProject(v2.withVersion(2, at(120)));

    assertThat(v2).isEqualTo(changed.withVersion(2, at(60)));
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.updatedAt()).isEqualTo(at(120));
    assertThat(store().findProject(v1.id())).contains(v3);
  }

  @Test
  default void staleProjectUpdateThrowsAndChangesNothing() {
    Project v1 = store().insertProject(project("p-1", T0));
    Project v2 = store().updateProject(v1.withVersion(1, at(1)));

    Project stale = new Project(v1.id(), "lost", null, null, T0, at(2), 1);
    assertThatThrownBy(() -> store().updateProject(stale))
        .isInstanceOf(StaleVersionException.class)
        .hasMessageContaining("p-1");
    assertThat(store().findProject(v1.id())).contains(v2);
  }

  @Test
  default void updateOfUnknownIdThrowsNotFound() {
    assertThatThrownBy(() -> store().updateProject(project("ghost", T0).withVersion(1, T0)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ghost");
    assertThat(store().findProject(ProjectId.of("ghost"))).isEmpty();
  }

  @Test
  default void duplicateProjectInsertThrowsAndKeepsTheFirst() {
    Project first = store().insertProject(project("p-1", T0));

    assertThatThrownBy(() -> store().insertProject(project("p-1", at(5))))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessageContaining("p-1");
    assertThat(store().findProject(first.id())).contains(first);
  }

  @Test
  default void listIsOrderedByCreationThenIdWithUndatedFirst() {
    store().insertProject(project("b", T0));
    store().insertProject(project("c", at(-1)));
    store().insertProject(project("a", T0));
    store().insertProject(project("z", at(5)));
    store().insertProject(project("y", null));

    assertThat(store().listProjects())
        .extracting(p -> p.id().value())
        .containsExactly("y", "c", "a", "b", "z");
  }

  @Test
  default void deleteRemovesOnceAndReportsWhetherItDid() {
    store().insertProject(project("p-1", T0));
    store().insertProject(project("p-2", T0));

    assertThat(store().deleteProject(ProjectId.of("p-1"))).isTrue();
    assertThat(store().deleteProject(ProjectId.of("p-1"))).isFalse();
    assertThat(store().findProject(ProjectId.of("p-1"))).isEmpty();
    assertThat(store().listProjects()).extracting(Project::id).containsExactly(ProjectId.of("p-2"));
  }
}
