package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.config.WorkflowDefaults;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.testkit.StepRequestBuilder;
import dev.gantry.workflow.Execution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets on a real engine and a real store: a value printed in two writes (two log frames) is
 * still masked, and after a whole workflow on the H2 JDBC store neither a dump of every table nor
 * any file of the data directory holds a secret value, a secret-looking parameter or the registry
 * password.
 */
class SecretsIT {
  private static final String OWNER = "secrets-it-" + UUID.randomUUID();
  static final String TOKEN = "tok-" + UUID.randomUUID();
  static final String PARAM_SECRET = "param-" + UUID.randomUUID();
  static final String INPUT_SECRET = "input-" + UUID.randomUUID();
  static final String REGISTRY_PASSWORD = "reg-" + UUID.randomUUID();
  static final List<String> ALL = List.of(TOKEN, PARAM_SECRET, INPUT_SECRET, REGISTRY_PASSWORD);

  /** Prints the secret S in two writes, the last four characters 0.2 s after the rest. */
  static final String SPLIT_PRINT =
      "printf 'token=%s' \"${S%????}\"; sleep 0.2; printf '%s\\n' \"${S#${S%????}}\"";

  private static DockerStepRunner runner;

  @BeforeAll
  static void start() {
    runner = new DockerStepRunner(DockerTestSupport.engineWithBusybox());
  }

  @AfterAll
  static void noContainerLeft() {
    try {
      assertThat(DockerTestSupport.containers(runner.engine(), Map.of(Labels.OWNER, OWNER), false))
          .isEmpty();
    } finally {
      runner.close();
    }
  }

  @Test
  void aSecretPrintedInTwoWritesIsMaskedWhole() {
    StepOutcome outcome =
        runner.run(
            StepRequestBuilder.step("split")
                .labels(Map.of(Labels.OWNER, OWNER))
                .env("S", TOKEN)
                .redactions(TOKEN)
                .shell(SPLIT_PRINT + "; { " + SPLIT_PRINT + "; } >&2")
                .build());

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("token=***\n");
    assertThat(outcome.stderr()).isEqualTo("token=***\n");
  }

  @Test
  void aDumpOfTheStoreAndTheDataDirectoryHoldsNoSecret(@TempDir Path dataDir) throws Exception {
    GantryConfig config =
        new GantryConfig(
            "registry.example:5000",
            new RegistryCredentials("ci", REGISTRY_PASSWORD),
            null,
            withCacheIn(dataDir.resolve("cache")),
            null,
            null,
            null,
            null,
            Map.of("API_TOKEN", "env:API_TOKEN"),
            null,
            dataDir,
            null);
    WorkflowRunResult result;
    Execution execution;
    try (TaskWorkflowIntegration gantry =
        TaskWorkflowIntegration.builder(config)
            .runner(new DockerStepRunner(DockerEngine.connect(DockerHost.fromEnvironment())))
            .ownerId(OWNER)
            .environment(Map.of("API_TOKEN", TOKEN))
            .build()) {
      var project = gantry.tasks().createProject("secrets", "", Map.of());
      Task task = gantry.tasks().createTask(TaskDraft.builder(project.id(), "leaky").build());
      gantry.createCustomPipeline(
          task.id().value(),
          """
          steps:
            - name: print
              secrets: [API_TOKEN]
              outputs: [/out/a.txt]
              command: >-
                S="$API_TOKEN"; echo "plain $API_TOKEN"; %s;
                echo "err $API_TOKEN" >&2; mkdir -p /out; echo built > /out/a.txt
            - name: fail
              depends_on: [print]
              secrets: [API_TOKEN]
              command: echo "failing with $API_TOKEN" >&2; exit 3
          """
              .formatted(SPLIT_PRINT));
      gantry.createWorkflowFromTask(
          task.id().value(), "leaky", Map.of("api_key", INPUT_SECRET, "region", "eu"));
      result =
          gantry.executeTaskWorkflow(
              task.id().value(),
              null,
              Map.of("deploy_token", PARAM_SECRET, "nested", Map.of("password", PARAM_SECRET)),
              false);
      execution = gantry.getExecution(result.executionId());
    }

    assertThat(result.success()).isFalse();
    assertThat(execution.step("print").lastAttempt().stdout()).isEqualTo("plain ***\ntoken=***\n");
    assertThat(execution.step("fail").error()).isEqualTo("step 'fail' exited with code 3");

    String dump = dumpDatabase(dataDir.resolve("gantry")) + dumpTables(dataDir.resolve("gantry"));
    // the dump is of the real thing: it holds the masked logs, the step names and the params
    assertThat(dump).contains("plain ***", "failing with ***", "deploy_token", "region");
    for (String secret : ALL) {
      assertThat(dump).as("database dump").doesNotContain(secret);
    }
    List<Path> files = files(dataDir);
    Path database = dataDir.resolve("gantry.mv.db");
    // the raw file scan sees stored text: the masked log is in the database file as it is
    assertThat(files).contains(database);
    assertThat(new String(Files.readAllBytes(database), StandardCharsets.ISO_8859_1))
        .contains("failing with ***");
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String secret : ALL) {
        assertThat(bytes).as("file %s", file).doesNotContain(secret);
      }
    }
  }

  private static WorkflowDefaults withCacheIn(Path cacheDirectory) {
    WorkflowDefaults d = WorkflowDefaults.DEFAULT;
    return new WorkflowDefaults(
        d.timeoutSeconds(),
        d.maxRetries(),
        d.retryBackoffFactor(),
        d.retryJitter(),
        d.cachingEnabled(),
        cacheDirectory.toString(),
        d.cacheTtlSeconds());
  }

  /** H2's own dump of the whole database: {@code SCRIPT} (schema and every row as SQL). */
  private static String dumpDatabase(Path database) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SCRIPT")) {
      while (rs.next()) {
        sb.append(rs.getString(1)).append('\n');
      }
    }
    return sb.toString();
  }

  /** Every value of every table, large objects read out whole. */
  private static String dumpTables(Path database) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          c.getMetaData().getTables(null, null, null, new String[] {"TABLE", "BASE TABLE"})) {
        while (rs.next()) {
          if (!"INFORMATION_SCHEMA".equals(rs.getString("TABLE_SCHEM"))) {
            tables.add(
                '"' + rs.getString("TABLE_SCHEM") + "\".\"" + rs.getString("TABLE_NAME") + '"');
          }
        }
      }
      assertThat(tables).hasSizeGreaterThan(3);
      for (String table : tables) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = rs.getObject(i);
              sb.append(
                      value instanceof byte[] b
                          ? new String(b, StandardCharsets.UTF_8)
                          : String.valueOf(rs.getString(i)))
                  .append('\t');
            }
            sb.append('\n');
          }
        }
      }
    }
    return sb.toString();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
