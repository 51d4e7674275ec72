package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.task;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.ExecutionLease;
import dev.gantry.task.Task;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowState;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Execution leases: claim, renew, release, expiry, and one winner among concurrent claimers. */
public interface LeaseContract extends StoreUnderTest {
  ExecutionId E1 = ExecutionId.of("lease-e1");
  ExecutionId E2 = ExecutionId.of("lease-e2");

  @Test
  default void aFreeLeaseIsClaimedAndFoundAtMillisecondPrecision() {
    assertThat(store().findLease(E1)).isEmpty();

    assertThat(store().claimLease(E1, "owner-a", at(30), at(0))).isTrue();

    assertThat(store().findLease(E1))
        .contains(new ExecutionLease(E1, "owner-a", at(30).truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  default void aLiveLeaseOfAnotherOwnerCannotBeClaimedButItsOwnerExtendsIt() {
    store().claimLease(E1, "owner-a", at(30), at(0));

    assertThat(store().claimLease(E1, "owner-b", at(40), at(10))).isFalse();
    assertThat(store().claimLease(E1, "owner-a", at(50), at(10))).isTrue();

    assertThat(store().findLease(E1).orElseThrow().owner()).isEqualTo("owner-a");
    assertThat(store().findLease(E1).orElseThrow().expiresAt())
        .isEqualTo(at(50).truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  default void anExpiredLeaseGoesToTheNextClaimer() {
    store().claimLease(E1, "owner-a", at(30), at(0));

    assertThat(store().claimLease(E1, "owner-b", at(60), at(30))).isTrue();

    assertThat(store().findLease(E1).orElseThrow().owner()).isEqualTo("owner-b");
    assertThat(store().claimLease(E1, "owner-a", at(70), at(40))).isFalse();
  }

  @Test
  default void renewExtendsOnlyTheOwnersLeases() {
    store().claimLease(E1, "owner-a", at(10), at(0));
    store().claimLease(E2, "owner-b", at(10), at(0));

    assertThat(store().renewLeases("owner-a", at(100))).isEqualTo(1);
    assertThat(store().renewLeases("owner-c", at(100))).isZero();

    assertThat(store().listLeases())
        .containsExactly(
            new ExecutionLease(E1, "owner-a", at(100).truncatedTo(ChronoUnit.MILLIS)),
            new ExecutionLease(E2, "owner-b", at(10).truncatedTo(ChronoUnit.MILLIS)));
  }

  @Test
  default void onlyTheOwnerReleasesALease() {
    store().claimLease(E1, "owner-a", at(10), at(0));

    assertThat(store().releaseLease(E1, "owner-b")).isFalse();
    assertThat(store().findLease(E1)).isPresent();
    assertThat(store().releaseLease(E1, "owner-a")).isTrue();
    assertThat(store().findLease(E1)).isEmpty();
    assertThat(store().releaseLease(E1, "owner-a")).isFalse();
    assertThat(store().claimLease(E1, "owner-b", at(20), at(5))).isTrue();
  }

  @Test
  default void ofManyConcurrentClaimersOfAnExpiredLeaseExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      ExecutionId id = ExecutionId.of("lease-race-" + round);
      if (round % 2 == 1) {
        store().claimLease(id, "dead-owner", at(1), at(0)); // expired at at(10)
      }
      int claimers = 8;
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < claimers; i++) {
        String owner = "owner-" + i;
        calls.add(
            () -> {
              go.await();
              return store().claimLease(id, owner, at(60), at(10));
            });
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
        List<Future<Boolean>> results = new ArrayList<>();
        for (Callable<Boolean> call : calls) {
          results.add(pool.submit(call));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
          won += f.get() ? 1 : 0;
        }
        assertThat(won).as("claimers that won round %d", round).isEqualTo(1);
      }
    }
  }

  @Test
  default void deletingTheTaskDeletesTheLeasesOfItsExecutions() {
    Task t = store().insertTask(task("lease-t", P1, T0));
    Workflow w = store().insertWorkflow(workflow("lease-w", t.id(), WorkflowState.RUNNING, T0));
    Execution e = store().insertExecution(execution("lease-x", w, WorkflowState.RUNNING, T0));
    store().claimLease(e.id(), "owner-a", at(10), at(0));
    store().claimLease(E2, "owner-a", at(10), at(0));

    store().deleteTask(t.id());

    assertThat(store().findLease(e.id())).isEmpty();
    assertThat(store().findLease(E2)).isPresent();
  }
}
