package dev.gantry.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.ConfigLoader;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionId;
import dev.gantry.workflow.StepState;
import dev.gantry.workflow.WorkflowState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Gantry config on an H2 file, child JVMs running {@link DurabilityChild}, and checks. */
final class DurabilityFixture implements AutoCloseable {
  final Path config;
  final DockerEngine docker;

  DurabilityFixture(Path dir, int graceSeconds) throws IOException {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    config =
        Files.writeString(
            dir.resolve("gantry.yaml"),
            """
            store:
              type: jdbc
            data_directory: data
            workflow_defaults:
              caching_enabled: false
              timeout_seconds: 300
            recovery:
              lease_seconds: 2
              reconcile_interval_seconds: 1
            shutdown:
              grace_seconds: %d
            """
                .formatted(graceSeconds));
  }

  /** A child JVM and the lines it printed so far. */
  record Child(Process process, List<String> lines) {
    /** Execution id to workflow index, of the executions it accepted. */
    Map<String, Integer> submitted() {
      Map<String, Integer> ids = new java.util.LinkedHashMap<>();
      for (String line : lines) {
        String[] parts = line.split(" ");
        if (parts[0].equals("SUBMITTED")) {
          ids.put(parts[1], Integer.parseInt(parts[2]));
        }
      }
      return ids;
    }

    long count(String prefix) {
      return lines.stream().filter(l -> l.startsWith(prefix + " ")).count();
    }
  }

  Child start(String owner, int workflows, int stepSeconds) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            DurabilityChild.class.getName(),
            config.toString(),
            owner,
            Integer.toString(workflows),
            Integer.toString(stepSeconds));
    pb.redirectError(config.resolveSibling(owner + ".stderr").toFile());
    Process process = pb.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("READ-FAILED " + e);
              }
            });
    return new Child(process, lines);
  }

  /** A new instance in this JVM on the same store; it reconciles at once and every second. */
  TaskWorkflowIntegration open(String owner) {
    return TaskWorkflowIntegration.builder(new ConfigLoader().load(config)).ownerId(owner).build();
  }

  /** A new instance that reconciles only when asked ({@code reconcile()}). */
  TaskWorkflowIntegration openWithoutRecovery(String owner) {
    return TaskWorkflowIntegration.builder(new ConfigLoader().load(config))
        .ownerId(owner)
        .recovery(false)
        .build();
  }

  /** Containers (running or not) carrying {@code gantry.owner=owner}. */
  List<String> containers(String owner) {
    return docker
        .calls()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.OWNER, owner))
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }

  /** Gantry's own INFO lines on stderr (recovery and shutdown say what they do). */
  static void infoLogs() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.gantry"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  /** What is not terminal yet, for a failure message: states, steps, leases, history. */
  static String unfinished(TaskWorkflowIntegration gantry, Map<String, Integer> ids) {
    StringBuilder sb = new StringBuilder();
    for (String id : ids.keySet()) {
      Execution e = gantry.store().findExecution(ExecutionId.of(id)).orElse(null);
      if (e == null) {
        sb.append(id).append(" not in the store\n");
        continue;
      }
      if (e.state().isTerminal() && gantry.store().findResult(e.id()).isPresent()) {
        continue;
      }
      sb.append(id).append(' ').append(e.state().wireName()).append(' ');
      e.steps()
          .forEach(
              r ->
                  sb.append(r.name())
                      .append('=')
                      .append(r.state().wireName())
                      .append('/')
                      .append(r.attempts().size())
                      .append(' '));
      sb.append("lease=").append(gantry.store().findLease(e.id())).append('\n');
      gantry
          .store()
          .listTransitions(id)
          .forEach(
              t ->
                  sb.append("   ")
                      .append(t.at())
                      .append(' ')
                      .append(t.subject())
                      .append(' ')
                      .append(t.from())
                      .append("->")
                      .append(t.to())
                      .append(' ')
                      .append(t.details())
                      .append('\n'));
    }
    return sb.toString();
  }

  /** Waits until every execution in {@code ids} is terminal with its result; fails if not. */
  static void awaitAllTerminal(
      TaskWorkflowIntegration gantry, Map<String, Integer> ids, java.time.Duration limit) {
    try {
      org.awaitility.Awaitility.await()
          .atMost(limit)
          .pollInterval(java.time.Duration.ofMillis(500))
          .until(() -> allTerminal(gantry, ids));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("not terminal after " + limit + ":\n" + unfinished(gantry, ids), e);
    }
  }

  static boolean allTerminal(TaskWorkflowIntegration gantry, Map<String, Integer> ids) {
    return ids.keySet().stream()
        .allMatch(
            id ->
                gantry
                        .store()
                        .findExecution(ExecutionId.of(id))
                        .map(e -> e.state().isTerminal())
                        .orElse(false)
                    && gantry.store().findResult(ExecutionId.of(id)).isPresent());
  }

  /** Each execution completed, and its second step printed its workflow's token. */
  static void assertCorrect(TaskWorkflowIntegration gantry, Map<String, Integer> ids) {
    for (Map.Entry<String, Integer> e : ids.entrySet()) {
      Execution execution = gantry.getExecution(e.getKey());
      assertThat(execution.state())
          .as("execution %s", e.getKey())
          .isEqualTo(WorkflowState.COMPLETED);
      assertThat(execution.step("make").state()).isEqualTo(StepState.COMPLETED);
      assertThat(execution.step("use").state()).isEqualTo(StepState.COMPLETED);
      assertThat(execution.step("use").lastAttempt().stdout())
          .isEqualTo("token-" + e.getValue() + "\n");
      assertThat(gantry.getResult(e.getKey()).success()).isTrue();
    }
  }

  @Override
  public void close() {
    docker.close();
  }
}
