package dev.gantry.bench;

import dev.gantry.config.StoreConfig;
import dev.gantry.internal.Json;
import dev.gantry.jdbc.JdbcStoreProvider;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.pipeline.PipelineSpec;
import dev.gantry.store.Store;
import dev.gantry.task.TaskId;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.Transition;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import dev.gantry.workflow.internal.ExecutionRecorder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B5 (store half): state transitions per second in the H2 store — {@code JdbcStore} on an embedded
 * H2 file, written the way the engine writes them ({@link ExecutionRecorder}: each transition is an
 * optimistic-locked execution update plus an appended transition) — against plain JDBC doing the
 * same statements on an equivalent H2 table, same document sizes, in the same run. The REST half of
 * B5 is {@link RestThroughputBenchmark}.
 */
final class StoreTransitionsBenchmark implements Benchmark {
  static final int STEPS = 10;
  static final int EXECUTIONS_PER_ROUND = 20;

  /** Per execution: queued, running, 10 × (pending → running, running → completed), completed. */
  static final int TRANSITIONS = 3 + 2 * STEPS;

  private final Clock clock = Clock.systemUTC();

  @Override
  public String id() {
    return "B5";
  }

  @Override
  public String title() {
    return "control plane: store transitions";
  }

  @Override
  public BenchSection run(BenchContext ctx) throws Exception {
    PipelineSpec pipeline =
        new PipelineParser(null).parseYaml(PipelineOverheadBenchmark.pipeline());
    Execution sample = finished(pipeline);
    String executionDoc = Json.write(sample);
    String transitionDoc =
        Json.write(
            new Transition(
                sample.id().value(), "step:s1", "running", "completed", clock.instant(), Map.of()));
    Interleaved.Times t;
    Path dir = ctx.work();
    try (Store store =
            new JdbcStoreProvider()
                .open(new StoreConfig("jdbc", null, null, null), dir.resolve("gantry"));
        Connection plain = plainDatabase(dir.resolve("plain"))) {
      t =
          Interleaved.run(
              ctx.pairs(),
              2,
              () -> plainRound(plain, executionDoc, transitionDoc),
              () -> gantryRound(store, pipeline));
    }
    int perRound = EXECUTIONS_PER_ROUND * TRANSITIONS;
    Samples plainRate = rates(t.a(), perRound);
    Samples gantryRate = rates(t.b(), perRound);
    String p = ctx.pairsText();
    List<Figure> figures =
        List.of(
            Figure.median(
                "transitions/s, JdbcStore ÷ plain JDBC (H2 file)",
                "×",
                gantryRate.dividedBy(plainRate),
                p,
                null),
            Figure.median("  JdbcStore (engine's writes)", "/s", gantryRate, p, null),
            Figure.median("  plain JDBC, same statements", "/s", plainRate, p, null));
    String md =
        """
        Gantry (B): a `JdbcStore` opened by `JdbcStoreProvider` on an embedded H2 file (the
        default store), written as the engine writes an execution of a 10-step pipeline through
        `ExecutionRecorder`: insert the execution, then %d transitions (`queued`, `running`, each
        step `pending → running → completed`, `completed`), each one an optimistic-locked
        `updateExecution` (the whole record as JSON) and an `appendTransition`, plus the update
        that sets the result before the last transition, as the engine does. Baseline (A): one
        plain JDBC connection to another H2 file with the same two tables, doing per transition
        the same `UPDATE executions … WHERE id = ? AND version = ?` and `INSERT INTO transitions`
        with documents of the same size (%d and %d characters), precomputed. A round is %d
        executions (%d transitions); %d pairs of rounds A B after 2 warm-up pairs.
        """
            .formatted(
                TRANSITIONS,
                executionDoc.length(),
                transitionDoc.length(),
                EXECUTIONS_PER_ROUND,
                perRound,
                ctx.pairs());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("transitions_per_round", perRound);
    return new BenchSection(id(), title(), figures, md, json, 0);
  }

  private static Samples rates(Samples millis, int transitions) {
    return new Samples(millis.values().stream().map(ms -> transitions / (ms / 1000)).toList());
  }

  private Execution created(PipelineSpec pipeline) {
    List<StepRun> steps = new ArrayList<>();
    pipeline.steps().forEach(s -> steps.add(StepRun.pending(s.name())));
    return new Execution(
        ExecutionId.random(),
        WorkflowId.random(),
        TaskId.random(),
        GantrySession.TYPE,
        WorkflowState.CREATED,
        GantrySession.PARAMS,
        pipeline,
        steps,
        null,
        null,
        clock.instant(),
        null,
        null,
        0);
  }

  /** One execution's records, as the engine writes them; returns the final record. */
  private Execution record(Store store, PipelineSpec pipeline) {
    ExecutionRecorder r =
        new ExecutionRecorder(store, clock, store.insertExecution(created(pipeline)));
    r.moveTo(WorkflowState.QUEUED, Map.of());
    r.moveTo(WorkflowState.RUNNING, Map.of());
    for (StepRun step : r.current().steps()) {
      Instant started = clock.instant();
      r.updateStep(step.name(), s -> s.started(started), Map.of());
      StepAttempt attempt =
          new StepAttempt(
              1, "c" + step.name(), started, clock.instant(), 0, false, false, "", "", null);
      r.updateStep(
          step.name(),
          s ->
              s.withAttempt(attempt)
                  .finished(StepState.COMPLETED, List.of(), null, clock.instant()),
          Map.of("exit_code", 0));
    }
    r.setOutcome(Map.of("success", true), null);
    return r.moveTo(WorkflowState.COMPLETED, Map.of());
  }

  private Execution finished(PipelineSpec pipeline) {
    try (Store memory = new dev.gantry.store.InMemoryStore()) {
      return record(memory, pipeline);
    }
  }

  private void gantryRound(Store store, PipelineSpec pipeline) {
    for (int i = 0; i < EXECUTIONS_PER_ROUND; i++) {
      record(store, pipeline);
    }
  }

  private static Connection plainDatabase(Path file) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:h2:file:" + file + ";AUTO_SERVER=FALSE");
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE executions (id VARCHAR(128) NOT NULL PRIMARY KEY, workflow_id"
              + " VARCHAR(128) NOT NULL, task_id VARCHAR(128) NOT NULL, state VARCHAR(32) NOT"
              + " NULL, created_at BIGINT, version BIGINT NOT NULL, doc TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE transitions (seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
              + " entity_id VARCHAR(1000) NOT NULL, happened_at BIGINT, doc TEXT NOT NULL)");
      s.execute("CREATE INDEX transitions_entity_idx ON transitions (entity_id, seq)");
    }
    return c;
  }

  private static void plainRound(Connection c, String executionDoc, String transitionDoc)
      throws Exception {
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO executions (id, workflow_id, task_id, state, created_at, version,"
                    + " doc) VALUES (?, ?, ?, ?, ?, 1, ?)");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE executions SET state = ?, version = ?, doc = ? WHERE id = ? AND version"
                    + " = ?");
        PreparedStatement append =
            c.prepareStatement(
                "INSERT INTO transitions (entity_id, happened_at, doc) VALUES (?, ?, ?)")) {
      for (int e = 0; e < EXECUTIONS_PER_ROUND; e++) {
        String id = ExecutionId.random().value();
        insert.setString(1, id);
        insert.setString(2, "w");
        insert.setString(3, "t");
        insert.setString(4, "created");
        insert.setLong(5, System.currentTimeMillis());
        insert.setString(6, executionDoc);
        insert.executeUpdate();
        for (int v = 1; v <= TRANSITIONS; v++) {
          update.setString(1, "running");
          update.setLong(2, v + 1);
          update.setString(3, executionDoc);
          update.setString(4, id);
          update.setLong(5, v);
          if (update.executeUpdate() != 1) {
            throw new IllegalStateException("plain JDBC update of " + id + " matched no row");
          }
          append.setString(1, id);
          append.setLong(2, System.currentTimeMillis());
          append.setString(3, transitionDoc);
          append.executeUpdate();
        }
      }
    }
  }
}
