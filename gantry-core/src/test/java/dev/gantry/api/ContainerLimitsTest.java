package dev.gantry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.api.internal.ContainerOps;
import dev.gantry.api.internal.ContainerSecrets;
import dev.gantry.config.RuntimeConfig;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.ContainerManager;
import dev.gantry.runtime.ContainerRequest;
import dev.gantry.runtime.LogFollow;
import dev.gantry.store.InMemoryStore;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskService;
import dev.gantry.workflow.Workflow;
import dev.gantry.workflow.WorkflowId;
import dev.gantry.workflow.WorkflowState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What {@link ContainerOps} asks the runtime for: limits always set (defaults fill the gaps) and
 * capped by {@code runtime.max_resources}; logs with secret values masked. The runtime here only
 * records requests and replays text; real containers are covered by the Docker ITs.
 */
class ContainerLimitsTest {
  private static final long MB = 1024 * 1024;

  private final InMemoryStore store = new InMemoryStore();
  private final Recording manager = new Recording();
  private final RuntimeConfig runtime =
      new RuntimeConfig(
          "docker",
          null,
          "busybox:latest",
          4,
          new Resources(512 * MB, 1.0, 256L),
          65536,
          new Resources(1024 * MB, 2.0, null),
          null,
          RuntimeConfig.DEFAULT_MAX_PARALLEL_WORKFLOWS);

  private ContainerOps ops(Map<String, String> secrets, Map<String, String> env) {
    return new ContainerOps(
        store, "owner-1", () -> manager, runtime, new ContainerSecrets(secrets, env));
  }

  private String workflow() {
    TaskService tasks = new TaskService(store, Clock.systemUTC());
    var project = tasks.createProject("p", "", Map.of());
    var task = tasks.createTask(TaskDraft.builder(project.id(), "t").build());
    Workflow w =
        store.insertWorkflow(
            new Workflow(
                WorkflowId.of("wf-1"),
                "wf",
                task.id(),
                Map.of(),
                WorkflowState.CREATED,
                null,
                Instant.now(),
                Instant.now(),
                0));
    return w.id().value();
  }

  @Test
  void missingLimitsComeFromTheDefaultsAndGivenOnesAreKept() {
    ContainerOps ops = ops(Map.of(), Map.of());
    String wf = workflow();
    ops.create(wf, "busybox:latest", null, Map.of(), List.of(), List.of("true"));
    ops.create(
        wf,
        "busybox:latest",
        null,
        Map.of(),
        List.of(),
        List.of("true"),
        new Resources(64 * MB, null, 1000L));
    assertThat(manager.requests.get(0).resources()).contains(new Resources(512 * MB, 1.0, 256L));
    assertThat(manager.requests.get(1).resources()).contains(new Resources(64 * MB, 1.0, 1000L));
  }

  @Test
  void limitsAboveTheCapAreRefusedNamingTheFieldAndTheCap() {
    ContainerOps ops = ops(Map.of(), Map.of());
    String wf = workflow();
    assertThatThrownBy(
            () ->
                ops.create(
                    wf,
                    "busybox:latest",
                    null,
                    Map.of(),
                    List.of(),
                    List.of("true"),
                    new Resources(2048 * MB, 4.0, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "resources.memory: at most 1g is allowed (runtime.max_resources.memory)")
        .hasMessageContaining(
            "resources.cpus: at most 2.0 is allowed (runtime.max_resources.cpus)");
    assertThat(manager.requests).isEmpty();
  }

  @Test
  void logsMaskSecretLookingEnvironmentValuesAndConfiguredSecrets() {
    ContainerOps ops = ops(Map.of("db", "env:DB_PASS"), Map.of("DB_PASS", "hunter2"));
    manager.env = Map.of("API_TOKEN", "tok-123", "GREETING", "hello");
    manager.text = "token tok-123 pass hunter2 says hello\nbye\n";
    assertThat(ops.logs("c-1", null, null)).isEqualTo("token *** pass *** says hello\nbye\n");
    List<String> lines = new ArrayList<>();
    ops.follow("c-1", null, null, lines::add).close();
    assertThat(lines).containsExactly("token *** pass *** says hello", "bye");
  }

  /** Records create requests; answers every id as a managed container with {@link #text}. */
  private static final class Recording implements ContainerManager {
    final List<ContainerRequest> requests = new ArrayList<>();
    Map<String, String> env = Map.of();
    String text = "";

    @Override
    public ContainerInfo create(ContainerRequest request) {
      requests.add(request);
      return info("c-" + requests.size());
    }

    private static ContainerInfo info(String id) {
      return new ContainerInfo(
          id,
          id,
          "busybox:latest",
          "created",
          "wf-1",
          Map.of("gantry.kind", "managed"),
          null,
          null);
    }

    @Override
    public void start(String id) {}

    @Override
    public void stop(String id, Duration grace) {}

    @Override
    public void delete(String id) {}

    @Override
    public ContainerInfo inspect(String id) {
      return info(id);
    }

    @Override
    public String logs(String id, Integer tail, Instant since) {
      return text;
    }

    @Override
    public LogFollow followLogs(String id, Integer tail, Instant since, Consumer<String> lines) {
      text.lines().forEach(lines);
      return new LogFollow() {
        @Override
        public boolean await(Duration timeout) {
          return true;
        }

        @Override
        public boolean done() {
          return true;
        }

        @Override
        public Throwable error() {
          return null;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Map<String, String> environment(String id) {
      return env;
    }

    @Override
    public List<ContainerInfo> list(Map<String, String> labels, String status) {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
