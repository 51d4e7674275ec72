package dev.gantry.jdbc;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.StoreConfig;
import dev.gantry.store.Store;
import dev.gantry.store.StoreProvider;
import dev.gantry.task.Task;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskStatus;
import dev.gantry.testkit.StoreContract;
import dev.gantry.testkit.store.StoreFixtures;
import dev.gantry.workflow.Transition;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the default database: an H2 file under the data directory. */
class H2JdbcStoreTest extends StoreContract {
  @TempDir Path dataDirectory;

  private Store open() {
    StoreProvider provider =
        ServiceLoader.load(StoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("jdbc"))
            .findFirst()
            .orElseThrow();
    return provider.open(StoreConfig.DEFAULT, dataDirectory.resolve("data"));
  }

  @Override
  protected Store createStore() {
    return open();
  }

  @Test
  void createsTheH2FileInTheDataDirectory() {
    assertThat(dataDirectory.resolve("data/gantry.mv.db")).exists();
  }

  @Test
  void dataSurvivesARestart() {
    Task v1 = store().insertTask(StoreFixtures.task("t1", P1, T0));
    Task v2 =
        store().updateTask(v1.apply(TaskPatch.builder().status(TaskStatus.COMPLETED).build(), T0));
    Transition t = StoreFixtures.transition("e-1", "running", "completed", T0);
    store().appendTransition(t);
    store().close();

    try (Store reopened = open()) {
      assertThat(reopened.findTask(v1.id())).contains(v2);
      assertThat(reopened.listTransitions("e-1")).containsExactly(t);
      Task v3 = reopened.updateTask(v2.apply(TaskPatch.builder().progress(5).build(), T0));
      assertThat(v3.version()).isEqualTo(3);
    }
  }
}
