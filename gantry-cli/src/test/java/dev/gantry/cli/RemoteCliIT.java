package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.NotFoundException;
import dev.gantry.cli.RemoteServer.Result;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.workflow.ExecutionHandle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry --server URL ...} end to end: a real server on loopback (Docker runtime, token auth
 * with scopes), the CLI creating a project, a phase and tasks, running workflows and a batch,
 * reading status and logs, managing a container, listing templates and the cache — and the JSON the
 * remote commands print equals what the local commands print for the same records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private RemoteServer server;
  private DockerEngine docker;
  private final List<String> workflows = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    server = new RemoteServer(dir);
  }

  @AfterAll
  void noContainerLeft() {
    try {
      if (server != null) {
        server.close();
      }
      List<String> left = new ArrayList<>();
      for (String wf : workflows) {
        docker
            .calls()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Labels.WORKFLOW, wf))
            .exec()
            .forEach(c -> left.add(c.getId()));
      }
      left.forEach(id -> docker.calls().removeContainerCmd(id).withForce(true).exec());
      assertThat(left).as("containers left behind").isEmpty();
    } finally {
      docker.close();
    }
  }

  private Result ok(String token, String... args) {
    Result r = server.cli(token, args);
    assertThat(r.code())
        .as("gantry %s\nstdout: %s\nstderr: %s", List.of(args), r.out(), r.err())
        .isZero();
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  private String write(String token, String... args) throws Exception {
    return ok(token, args).out();
  }

  /** A task in a new project, both created through the server's CLI; its id. */
  private String remoteTask(String project, String name) throws Exception {
    String w = RemoteServer.WRITE;
    String projectId =
        JSON.readTree(write(w, "-o", "json", "project", "create", project))
            .at("/project/id")
            .asText();
    return JSON.readTree(write(w, "-o", "json", "task", "create", "--project", projectId, name))
        .path("id")
        .asText();
  }

  private String pipeline(String name, String script) throws Exception {
    return Files.writeString(
            dir.resolve(name + ".yaml"),
            "steps:\n  - name: "
                + name
                + "\n    image: busybox:latest\n    command: [\"sh\", \"-c\", \""
                + script
                + "\"]\n")
        .toString();
  }

  @Test
  void theCliRunsThroughTheServer() throws Exception {
    String w = RemoteServer.WRITE;
    String r = RemoteServer.READ;
    JsonNode project = JSON.readTree(write(w, "-o", "json", "project", "create", "Remote IT"));
    String projectId = project.at("/project/id").asText();
    String phaseId =
        JSON.readTree(write(w, "-o", "json", "phase", "create", "--project", projectId, "build"))
            .get(0)
            .path("id")
            .asText();
    String first =
        JSON.readTree(
                write(
                    w,
                    "-o",
                    "json",
                    "task",
                    "create",
                    "--project",
                    projectId,
                    "--phase",
                    phaseId,
                    "hello"))
            .path("id")
            .asText();
    assertThat(write(w, "task", "pipeline", first, pipeline("hello", "echo hello from the server")))
        .contains("stored for task " + first);

    // workflow run follows the steps, like the local command
    Result run = ok(w, "workflow", "run", first);
    assertThat(run.out())
        .containsPattern("execution \\S+ of workflow \\S+")
        .contains("✓ hello completed (exit 0")
        .containsPattern("execution \\S+ completed\\R");
    String status = write(r, "-o", "json", "workflow", "status", first);
    assertThat(status).isEqualTo(RemoteServer.json(server.gantry.getWorkflowStatus(first)));
    String executionId = server.gantry.getWorkflowStatus(first).executionId();
    workflows.add(server.gantry.getWorkflowStatus(first).workflowId());
    assertThat(write(r, "workflow", "status", first))
        .contains("workflow status  completed")
        .contains("✓ hello completed");
    assertThat(write(r, "workflow", "logs", first))
        .isEqualTo(
            "== hello (attempt 1, exit 0)" + System.lineSeparator() + "hello from the server\n");

    // -o json of a run is the Execution record the local command prints
    String again = write(w, "-o", "json", "workflow", "run", first, "--skip-cache");
    String againId = JSON.readTree(again).path("id").asText();
    assertThat(againId).isNotEqualTo(executionId);
    assertThat(again).isEqualTo(RemoteServer.json(server.gantry.getExecution(againId)));

    // a batch: the project's tasks in dependency order, with the progress lines and summary
    String second =
        JSON.readTree(
                write(
                    w,
                    "-o",
                    "json",
                    "task",
                    "create",
                    "--project",
                    projectId,
                    "bye",
                    "--depends-on",
                    first))
            .path("id")
            .asText();
    write(w, "task", "pipeline", second, pipeline("bye", "echo bye"));
    Result batch = ok(w, "project", "run", projectId, "--force", "--concurrency", "2");
    assertThat(batch.out())
        .contains("[1/2] ✓ " + first + " completed")
        .contains("[2/2] ✓ " + second + " completed")
        .containsPattern("batch \\S+: completed 2, failed 0, blocked 0, skipped 0, cancelled 0");
    workflows.add(server.gantry.getWorkflowStatus(second).workflowId());
    assertThat(write(r, "project", "show", projectId))
        .contains("progress 100% (2/2 tasks completed)");

    // containers: create, start, follow the logs, list, delete
    String wf = server.gantry.getWorkflowStatus(first).workflowId();
    JsonNode container =
        JSON.readTree(
            write(
                w,
                "-o",
                "json",
                "containers",
                "create",
                wf,
                "--image",
                "busybox:latest",
                "--",
                "echo",
                "from a managed container"));
    String containerId = container.path("id").asText();
    assertThat(container.path("status").asText()).isEqualTo("created");
    assertThat(write(w, "containers", "start", containerId)).contains("id        " + containerId);
    assertThat(write(r, "containers", "logs", containerId, "--follow"))
        .isEqualTo("from a managed container" + System.lineSeparator());
    assertThat(write(r, "containers", "list", "--workflow", wf))
        .contains(containerId.substring(0, 12));
    // the same JSON (labels are an unordered map, so compared as trees)
    assertThat(JSON.readTree(write(r, "-o", "json", "containers", "list", "--workflow", wf)))
        .isEqualTo(JSON.readTree(RemoteServer.json(server.gantry.listContainers(wf, null))));
    assertThat(write(w, "containers", "delete", containerId))
        .contains("deleted container " + containerId);

    // templates and the cache
    assertThat(write(r, "templates", "list"))
        .contains(server.gantry.listPipelineTemplates(null).get(0).id());
    assertThat(write(r, "-o", "json", "cache", "stats"))
        .contains("\"directory\"")
        .contains("\"misses\"");
  }

  @Test
  void cancelStopsARunningExecutionOnTheServer() throws Exception {
    String w = RemoteServer.WRITE;
    String task = remoteTask("Cancel IT", "slow");
    write(w, "task", "pipeline", task, pipeline("slow", "sleep 60"));
    ExecutionHandle handle = server.gantry.executeTaskWorkflowAsync(task, null, Map.of(), true);
    workflows.add(handle.workflowId().value());
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> write(RemoteServer.READ, "workflow", "status", task).contains("▸ slow running"));
    String id = handle.executionId().value();
    assertThat(write(w, "workflow", "cancel", id)).startsWith("execution " + id + " cancelled");
  }

  @Test
  void followPrintsEachLineWhileTheContainerRuns() throws Exception {
    String w = RemoteServer.WRITE;
    String task = remoteTask("Follow IT", "f");
    String wf = server.gantry.createWorkflowFromTask(task, null, Map.of()).workflowId();
    workflows.add(wf);
    String id =
        JSON.readTree(
                write(
                    w,
                    "-o",
                    "json",
                    "containers",
                    "create",
                    wf,
                    "--image",
                    "busybox:latest",
                    "--",
                    "sh",
                    "-c",
                    "echo first; trap 'echo second; exit 0' TERM; while true; do sleep 0.2; done"))
            .path("id")
            .asText();
    write(w, "containers", "start", id);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Result> follow =
        CompletableFuture.supplyAsync(
            () -> server.cliTo(out, RemoteServer.READ, "containers", "logs", id, "--follow"));
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> out.toString(StandardCharsets.UTF_8).contains("first"));
      assertThat(follow).isNotDone();
      assertThat(server.gantry.getContainer(id).status()).isEqualTo("running");
      server.gantry.stopContainer(id, 10);
      Result r = follow.get(30, TimeUnit.SECONDS);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .isEqualTo("first" + System.lineSeparator() + "second" + System.lineSeparator());
    } finally {
      server.gantry.deleteContainer(id);
    }
  }

  @Test
  void workflowDeleteAndContainerLimitsGoThroughTheServer() throws Exception {
    String w = RemoteServer.WRITE;
    String task = remoteTask("Delete IT", "long");
    write(w, "task", "pipeline", task, pipeline("long", "sleep 60"));
    ExecutionHandle handle = server.gantry.executeTaskWorkflowAsync(task, null, Map.of(), true);
    String wf = handle.workflowId().value();
    workflows.add(wf);

    // limits are set on the container the server creates
    String limited =
        JSON.readTree(
                write(
                    w,
                    "-o",
                    "json",
                    "containers",
                    "create",
                    wf,
                    "--image",
                    "busybox:latest",
                    "--memory",
                    "64m",
                    "--cpus",
                    "0.5",
                    "--pids",
                    "32",
                    "--",
                    "true"))
            .path("id")
            .asText();
    HostConfig host = docker.calls().inspectContainerCmd(limited).exec().getHostConfig();
    assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getPidsLimit()).isEqualTo(32L);

    // a running execution refuses the delete until --cancel
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> write(RemoteServer.READ, "workflow", "status", task).contains("▸ long running"));
    Result busy = server.cli(w, "workflow", "delete", wf);
    assertThat(busy.code()).as(busy.err()).isEqualTo(1);
    assertThat(busy.err())
        .startsWith("error: ")
        .contains("workflow '" + wf + "' has an unfinished execution");
    assertThat(write(w, "workflow", "delete", wf, "--containers", "--cancel"))
        .isEqualTo(
            "deleted workflow "
                + wf
                + " with 1 execution(s) and 1 container(s)"
                + System.lineSeparator());
    // the task is left without a workflow: status shows the task only, the workflow is gone
    assertThat(write(RemoteServer.READ, "workflow", "status", task))
        .isEqualTo("task             " + task + " (cancelled)" + System.lineSeparator());
    assertThatThrownBy(() -> server.gantry.getWorkflow(wf)).isInstanceOf(NotFoundException.class);
    assertThat(
            docker
                .calls()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.WORKFLOW, wf))
                .exec())
        .as("the workflow's containers")
        .isEmpty();
  }

  @Test
  void aWrongTokenOrAMissingScopeIsRefusedWithAMessage() throws Exception {
    Result wrong = server.cli("wrong-token-for-it", "project", "list");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err())
        .isEqualTo(
            "error: the server refused the token: invalid or expired bearer token"
                + System.lineSeparator());

    Result scope = server.cli(RemoteServer.READ, "project", "create", "not allowed");
    assertThat(scope.code()).isEqualTo(1);
    assertThat(scope.err())
        .isEqualTo(
            "error: the server refused the token: this route needs the 'write' scope; the caller"
                + " 'reader' has read"
                + System.lineSeparator());
    assertThat(server.gantry.tasks().listProjects()).noneMatch(p -> p.name().equals("not allowed"));
  }
}
