package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.config.StoreConfig;
import dev.gantry.internal.Json;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.RegistryAuthException;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.testkit.StepRequestBuilder;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real private registry with htpasswd auth ({@link LocalRegistry}): the image exists
 * only there (its local tag is removed before each test), so every run really pulls it.
 */
class PrivateRegistryIT {
  @RegisterExtension static final LocalRegistry registry = new LocalRegistry();

  private static final String OWNER = "registry-it-" + UUID.randomUUID();
  private static DockerEngine engine;
  private static String image;

  @TempDir Path dataDir;
  private LogCapture logs;
  private InMemoryStore store;
  private TaskWorkflowIntegration gantry;

  @BeforeAll
  static void pushTheImageOnlyToTheRegistry() throws InterruptedException {
    engine = DockerTestSupport.engineWithBusybox();
    image = registry.image("gantry/busybox:test");
    registry.push(engine, LocalImages.BUSYBOX, image);
  }

  @BeforeEach
  void removeTheLocalTagAndCaptureLogs() {
    LocalRegistry.untag(engine, image);
    assertThat(new ImagePuller(engine, DockerStepRunner.PULL_TIMEOUT).present(image)).isFalse();
    logs = new LogCapture();
  }

  @AfterEach
  void closeAndCheckNoPasswordWasLogged() {
    try {
      if (gantry != null) {
        gantry.close();
      }
      assertThat(logs.size()).isPositive();
      assertThat(logs.text()).doesNotContain(registry.password()).doesNotContain("wrong-pw-");
    } finally {
      logs.close();
      LocalRegistry.untag(engine, image);
    }
  }

  @AfterAll
  static void noContainerLeft() {
    if (engine == null) {
      return; // the registry could not start (or is skipped): nothing ran
    }
    try {
      assertThat(DockerTestSupport.containers(engine, Map.of(Labels.OWNER, OWNER), false))
          .isEmpty();
    } finally {
      engine.close();
    }
  }

  private void open(String registryAddress, RegistryCredentials credentials) {
    GantryConfig config =
        new GantryConfig(
                registryAddress,
                credentials,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("REGISTRY_PASSWORD", "env:REGISTRY_PASSWORD"),
                null,
                dataDir,
                null)
            .withStore(new StoreConfig("memory", null, null, null));
    store = new InMemoryStore();
    gantry =
        TaskWorkflowIntegration.builder(config)
            .store(store)
            .runner(new DockerStepRunner(DockerEngine.connect(DockerHost.fromEnvironment())))
            .ownerId(OWNER)
            .environment(Map.of("REGISTRY_PASSWORD", registry.password()))
            .build();
  }

  private Execution run(String stepExtra) {
    var project = gantry.tasks().createProject("registry", "", Map.of());
    Task task = gantry.tasks().createTask(TaskDraft.builder(project.id(), "pull").build());
    gantry.createCustomPipeline(
        task.id().value(),
        "steps: [{name: s, image: '" + image + "', command: [echo, pulled]" + stepExtra + "}]");
    WorkflowRunResult result = gantry.executeTaskWorkflow(task.id().value(), null, Map.of(), false);
    Execution execution = gantry.getExecution(result.executionId());
    String stored =
        Json.write(execution)
            + Json.write(store.listTransitions(execution.id().value()))
            + Json.write(store.listResults(execution.taskId()))
            + Json.write(result);
    assertThat(stored).doesNotContain(registry.password()).doesNotContain("wrong-pw-");
    return execution;
  }

  @Test
  void withoutCredentialsTheStepFailsAtOnceAsUnauthorized() {
    open(null, null);

    StepRun step = run("").step("s");

    assertThat(step.attempts()).hasSize(1);
    assertThat(step.error())
        .contains(
            "unauthorized",
            image,
            "registry " + registry.address(),
            "No credentials were sent",
            "registry_credentials {username, password_secret}",
            "container_credentials {username, password}",
            "container_registry: " + registry.address());
  }

  @Test
  void configCredentialsForTheRegistryPull() {
    open(registry.address(), new RegistryCredentials(LocalRegistry.USERNAME, registry.password()));

    Execution execution = run("");

    assertThat(execution.step("s").error()).isNull();
    assertThat(execution.state().isSuccessful()).isTrue();
    assertThat(execution.step("s").lastAttempt().stdout()).isEqualTo("pulled\n");
    assertThat(new ImagePuller(engine, DockerStepRunner.PULL_TIMEOUT).present(image)).isTrue();
  }

  @Test
  void aStepsOwnCredentialsPull() {
    open(null, null);

    Execution execution =
        run(
            ", registry_credentials: {username: "
                + LocalRegistry.USERNAME
                + ", password_secret: REGISTRY_PASSWORD}");

    assertThat(execution.step("s").error()).isNull();
    assertThat(execution.state().isSuccessful()).isTrue();
    assertThat(execution.step("s").lastAttempt().stdout()).isEqualTo("pulled\n");
  }

  @Test
  void aWrongPasswordIsUnauthorizedAndNotRetried() {
    String wrong = "wrong-pw-" + UUID.randomUUID();
    open(registry.address(), new RegistryCredentials(LocalRegistry.USERNAME, wrong));

    StepRun step = run("").step("s");

    assertThat(step.attempts()).hasSize(1);
    assertThat(step.error())
        .contains(
            "unauthorized",
            image,
            "rejected the credentials of user 'gantry' (container_credentials for"
                + " container_registry "
                + registry.address()
                + ")")
        .doesNotContain(wrong);
  }

  @Test
  void configCredentialsForAnotherRegistryAreNotSentThere() {
    open("registry.example", new RegistryCredentials(LocalRegistry.USERNAME, registry.password()));

    StepRun step = run("").step("s");

    assertThat(step.error())
        .contains(
            "unauthorized",
            "container_credentials are only sent to container_registry registry.example");
  }

  @Test
  void theRunnerThrowsAPermanentRegistryAuthException() {
    open(null, null);
    try (DockerStepRunner runner =
        new DockerStepRunner(DockerEngine.connect(DockerHost.fromEnvironment()))) {
      RegistryAuthException e =
          catchThrowableOfType(
              RegistryAuthException.class,
              () ->
                  runner.run(
                      StepRequestBuilder.step("direct")
                          .labels(Map.of(Labels.OWNER, OWNER))
                          .image(image)
                          .argv("true")
                          .registry(
                              registry.address(),
                              new RegistryCredentials(LocalRegistry.USERNAME, "wrong-pw-x"))
                          .build()));

      assertThat(e).isNotNull();
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.getMessage()).contains("unauthorized").doesNotContain("wrong-pw-x");
    }
  }
}
