package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.config.StoreConfig;
import dev.gantry.internal.Json;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values never reach what is stored, even from a runtime that does not redact its output and
 * puts them in its errors: the executor masks them in logs, errors and events.
 */
class SecretRedactionTest {
  static final String TOKEN = "tok-9f8e7d6c5b";
  static final String REGISTRY_PASSWORD = "reg-pa55-4a3b2c";
  static final String STEP_PASSWORD = "step-pa55-1z2y3x";

  @TempDir Path dataDir;
  private final LeakyRunner runner = new LeakyRunner();
  private final InMemoryStore store = new InMemoryStore();
  private TaskWorkflowIntegration gantry;
  private Project project;

  @BeforeEach
  void open() {
    GantryConfig config =
        new GantryConfig(
                "registry.example:5000",
                new RegistryCredentials("config-user", REGISTRY_PASSWORD),
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("API_TOKEN", "env:API_TOKEN", "STEP_PASSWORD", "env:STEP_PASSWORD"),
                null,
                dataDir,
                null)
            .withStore(new StoreConfig("memory", null, null, null));
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(runner)
            .environment(Map.of("API_TOKEN", TOKEN, "STEP_PASSWORD", STEP_PASSWORD))
            .build();
    project = gantry.tasks().createProject("p", "", Map.of());
  }

  @AfterEach
  void close() {
    gantry.close();
  }

  private WorkflowRunResult run(String definition) {
    Task t = gantry.tasks().createTask(TaskDraft.builder(project.id(), "t").build());
    gantry.createCustomPipeline(t.id().value(), definition);
    return gantry.executeTaskWorkflow(t.id().value(), null, Map.of(), false);
  }

  /** Everything stored about the run, as text. */
  private String stored(WorkflowRunResult result) {
    Execution execution = store.findExecution(ExecutionId.of(result.executionId())).orElseThrow();
    TaskId taskId = execution.taskId();
    return String.join(
        "\n",
        Json.write(execution),
        Json.write(store.listTransitions(execution.id().value())),
        Json.write(store.listTransitions(execution.workflowId().value())),
        Json.write(store.listResults(taskId)),
        Json.write(store.findTask(taskId).orElseThrow()),
        Json.write(store.findWorkflow(execution.workflowId()).orElseThrow()),
        Json.write(result));
  }

  @Test
  void unredactedOutputOfARuntimeIsMaskedBeforeItIsStored() {
    WorkflowRunResult result =
        run("steps: [{name: s, command: [echo-env, API_TOKEN], secrets: [API_TOKEN]}]");

    assertThat(result.success()).isTrue();
    assertThat(result.result().get("output")).isEqualTo("value=***");
    assertThat(stored(result)).contains("value=***").doesNotContain(TOKEN);
  }

  @Test
  void aSecretInARuntimeErrorIsMaskedInTheErrorAndTheEvents() {
    WorkflowRunResult result =
        run("steps: [{name: s, command: [throw-env, API_TOKEN], secrets: [API_TOKEN]}]");

    assertThat(result.success()).isFalse();
    Execution execution = gantry.getExecution(result.executionId());
    assertThat(execution.step("s").error()).isEqualTo("step 's': the engine said *** is wrong");
    assertThat(store.listTransitions(execution.id().value()))
        .anySatisfy(
            t -> assertThat(t.details()).containsEntry("error", execution.step("s").error()));
    assertThat(stored(result)).doesNotContain(TOKEN);
  }

  @Test
  void theConfigRegistryPasswordIsSentOnlyAsCredentialsAndMaskedEverywhereElse() {
    WorkflowRunResult result = run("steps: [{name: s, command: [throw-registry-password]}]");

    StepRequest request = runner.requests.get(0);
    assertThat(request.registry()).isEqualTo("registry.example:5000");
    assertThat(request.credentials())
        .isEqualTo(new RegistryCredentials("config-user", REGISTRY_PASSWORD));
    assertThat(request.toString()).doesNotContain(REGISTRY_PASSWORD);
    assertThat(gantry.getExecution(result.executionId()).step("s").error())
        .isEqualTo("step 's': login as config-user with *** failed");
    assertThat(stored(result)).doesNotContain(REGISTRY_PASSWORD);
  }

  @Test
  void aStepsRegistryCredentialsResolveTheirSecretForTheImagesOwnRegistry() {
    WorkflowRunResult result =
        run(
            """
            steps:
              - name: s
                image: other.example/app:1
                command: [throw-registry-password]
                registry_credentials: {username: step-user, password_secret: STEP_PASSWORD}
            """);

    StepRequest request = runner.requests.get(0);
    assertThat(request.registry()).isNull();
    assertThat(request.credentials())
        .isEqualTo(new RegistryCredentials("step-user", STEP_PASSWORD));
    assertThat(request.env()).doesNotContainValue(STEP_PASSWORD);
    assertThat(gantry.getExecution(result.executionId()).step("s").error())
        .isEqualTo("step 's': login as step-user with *** failed");
    assertThat(stored(result)).doesNotContain(STEP_PASSWORD);
  }

  @Test
  void anUndefinedPasswordSecretFailsTheStepNamingTheKey() {
    WorkflowRunResult result =
        run(
            """
            steps:
              - name: s
                command: [echo-env, X]
                registry_credentials: {username: u, password_secret: MISSING}
            """);

    assertThat(runner.requests).isEmpty();
    assertThat(gantry.getExecution(result.executionId()).step("s").error())
        .contains("registry_credentials.password_secret", "'MISSING' is not defined");
  }

  /** A runtime that neither redacts its output nor keeps secrets out of its errors. */
  static final class LeakyRunner implements StepRunner {
    final List<StepRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "leaky";
    }

    @Override
    public void ping() {}

    @Override
    public StepOutcome run(StepRequest request) {
      requests.add(request);
      List<String> argv = request.argv();
      String stdout =
          switch (argv.get(0)) {
            case "echo-env" -> "value=" + request.env().get(argv.get(1)) + "\n";
            case "throw-env" ->
                throw new GantryException(
                    "the engine said " + request.env().get(argv.get(1)) + " is wrong");
            case "throw-registry-password" ->
                throw new GantryException(
                    "login as "
                        + request.credentials().username()
                        + " with "
                        + request.credentials().password()
                        + " failed");
            default -> throw new IllegalArgumentException("unknown command " + argv);
          };
      Instant now = Instant.now();
      return new StepOutcome(
          "leaky-1", 0, false, false, stdout, stdout, Map.of(), List.of(), now, now);
    }

    @Override
    public void close() {}
  }
}
