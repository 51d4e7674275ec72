package dev.gantry.testkit;

import dev.gantry.store.Store;
import dev.gantry.testkit.store.CascadeContract;
import dev.gantry.testkit.store.ConcurrencyContract;
import dev.gantry.testkit.store.ExecutionContract;
import dev.gantry.testkit.store.FidelityContract;
import dev.gantry.testkit.store.HistoryContract;
import dev.gantry.testkit.store.IdempotencyContract;
import dev.gantry.testkit.store.LeaseContract;
import dev.gantry.testkit.store.PhaseContract;
import dev.gantry.testkit.store.ProjectContract;
import dev.gantry.testkit.store.TaskContract;
import dev.gantry.testkit.store.WorkflowContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract every {@link Store} passes. Subclass it, return a new empty store from {@link
 * #createStore()}; each test gets its own store and closes it.
 *
 * <p>The tests live in the interfaces of {@code dev.gantry.testkit.store}, one per area: projects,
 * phases, tasks, pipelines and workflows, executions, history (transitions, results), cascading
 * deletes, concurrency, leases, idempotency keys and fidelity (maps with nulls and unicode,
 * nanosecond instants, big texts).
 */
public abstract class StoreContract
    implements ProjectContract,
        PhaseContract,
        TaskContract,
        WorkflowContract,
        ExecutionContract,
        HistoryContract,
        CascadeContract,
        ConcurrencyContract,
        FidelityContract,
        LeaseContract,
        IdempotencyContract {
  private Store store;

  /** A new, empty store. */
  protected abstract Store createStore();

  @BeforeEach
  void openStore() {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Override
  public Store store() {
    return store;
  }
}
