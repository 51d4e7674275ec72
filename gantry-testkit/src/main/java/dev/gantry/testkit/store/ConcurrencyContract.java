package dev.gantry.testkit.store;

import static dev.gantry.testkit.store.StoreFixtures.P1;
import static dev.gantry.testkit.store.StoreFixtures.T0;
import static dev.gantry.testkit.store.StoreFixtures.at;
import static dev.gantry.testkit.store.StoreFixtures.execution;
import static dev.gantry.testkit.store.StoreFixtures.task;
import static dev.gantry.testkit.store.StoreFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import dev.gantry.task.Task;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.WorkflowState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Optimistic locking holds when threads really race: no update is lost. */
public interface ConcurrencyContract extends StoreUnderTest {
  int ROUNDS = 20;

  /** Runs the calls at once (released together by a barrier) and returns their outcomes. */
  private static <T> List<Object> race(List<Callable<T>> calls) throws Exception {
    CyclicBarrier start = new CyclicBarrier(calls.size());
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return call.call();
                }));
      }
      List<Object> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(f.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void ofTwoConflictingTaskUpdatesExactlyOneWins() throws Exception {
    Task current = store().insertTask(task("t1", P1, T0));
    for (int round = 0; round < ROUNDS; round++) {
      Task read = current;
      Task left = read.apply(TaskPatch.builder().name("left " + round).build(), at(round));
      Task right = read.apply(TaskPatch.builder().name("right " + round).build(), at(round));

      List<Object> outcomes =
          race(List.of(() -> store().updateTask(left), () -> store().updateTask(right)));

      assertThat(outcomes).filteredOn(Task.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(StaleVersionException.class::isInstance).hasSize(1);
      Task winner = (Task) outcomes.stream().filter(Task.class::isInstance).findFirst().get();
      assertThat(winner.version()).isEqualTo(read.version() + 1);
      assertThat(store().findTask(read.id())).contains(winner);
      current = winner;
    }
  }

  @Test
  default void ofTwoConflictingExecutionUpdatesExactlyOneWins() throws Exception {
    var wf = workflow("w1", TaskId.of("task-a"), WorkflowState.CREATED, T0);
    Execution queued = store().insertExecution(execution("e1", wf, WorkflowState.QUEUED, T0));
    Execution running = queued.moveTo(WorkflowState.RUNNING, at(1));
    Execution cancelled = queued.moveTo(WorkflowState.CANCELLED, at(1));

    List<Object> outcomes =
        race(
            List.of(
                () -> store().updateExecution(running), () -> store().updateExecution(cancelled)));

    assertThat(outcomes).filteredOn(Execution.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(StaleVersionException.class::isInstance).hasSize(1);
    Execution winner =
        (Execution) outcomes.stream().filter(Execution.class::isInstance).findFirst().get();
    assertThat(store().findExecution(ExecutionId.of("e1"))).contains(winner);
    assertThat(store().listExecutionsInState(List.of(WorkflowState.QUEUED))).isEmpty();
  }

  @Test
  default void ofTwoInsertsWithTheSameIdExactlyOneWins() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Task a = task("t" + round, P1, at(1));
      Task b = task("t" + round, StoreFixtures.P2, at(2));

      List<Object> outcomes =
          race(List.of(() -> store().insertTask(a), () -> store().insertTask(b)));

      assertThat(outcomes).filteredOn(Task.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(DuplicateIdException.class::isInstance).hasSize(1);
      Object winner = outcomes.stream().filter(Task.class::isInstance).findFirst().get();
      assertThat(store().findTask(a.id())).contains((Task) winner);
    }
  }

  @Test
  default void retryingWritersLoseNoUpdate() throws Exception {
    int writers = 4;
    int increments = 10;
    TaskId id = store().insertTask(task("counter", P1, T0)).id();
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      calls.add(
          () -> {
            int conflicts = 0;
            for (int i = 0; i < increments; ) {
              Task read = store().findTask(id).orElseThrow();
              int count = ((Number) read.metadata().getOrDefault("count", 0)).intValue();
              Map<String, Object> next = Map.of("count", count + 1);
              try {
                store().updateTask(read.apply(TaskPatch.builder().metadata(next).build(), T0));
                i++;
              } catch (StaleVersionException e) {
                conflicts++;
              }
            }
            return conflicts;
          });
    }

    List<Object> outcomes = race(calls);

    assertThat(outcomes).allMatch(Integer.class::isInstance);
    Task done = store().findTask(id).orElseThrow();
    assertThat(done.metadata()).containsEntry("count", writers * increments);
    assertThat(done.version()).isEqualTo(1 + writers * increments);
  }
}
