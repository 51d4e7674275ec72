package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.Labels;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry containers …} and {@code gantry workflow delete} on Docker, each command in a
 * process of its own (a fresh {@link TaskWorkflowIntegration} on the same H2 data directory).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainersCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private DockerEngine docker;
  private final List<String> workflows = new ArrayList<>();

  record Result(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  @BeforeAll
  void engine() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
  }

  @AfterAll
  void noContainerLeft() {
    try {
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

  /** A new workflow in the data directory, made through the Java API and closed again. */
  private String workflow(String name) {
    GantryConfig config = GantryConfig.defaults().withDataDirectory(dir.resolve("data"));
    try (TaskWorkflowIntegration gantry = TaskWorkflowIntegration.builder(config).build()) {
      Project p = gantry.tasks().createProject(name, "", Map.of());
      String task = gantry.tasks().createTask(TaskDraft.builder(p.id(), name).build()).id().value();
      String wf = gantry.createWorkflowFromTask(task, name, Map.of()).workflowId();
      workflows.add(wf);
      return wf;
    }
  }

  private Result gantry(String... args) {
    List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      code = Main.run(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Result r =
        new Result(
            code,
            outBytes.toString(StandardCharsets.UTF_8),
            errBytes.toString(StandardCharsets.UTF_8));
    assertThat(r.err()).as("stderr of gantry %s", all).doesNotContain("\tat ");
    return r;
  }

  private Result ok(String... args) {
    Result r = gantry(args);
    assertThat(r.code()).as("exit code of %s; stderr: %s", List.of(args), r.err()).isZero();
    return r;
  }

  @Test
  void createStartFollowLogsStopDeleteAndList() throws Exception {
    String wf = workflow("cli-containers");
    JsonNode created =
        ok(
                "-o",
                "json",
                "containers",
                "create",
                wf,
                "--image",
                "busybox:latest",
                "--name",
                "gantry-cli-it-" + wf,
                "--env",
                "API_TOKEN=s3cr3t-value",
                "--",
                "sh",
                "-c",
                "sleep 2; for i in 1 2 3 4 5 6; do echo line $i; sleep 0.3; done; echo token $API_TOKEN")
            .json();
    String id = created.get("id").asText();
    String shortId = id.substring(0, 12);
    assertThat(created.get("status").asText()).isEqualTo("created");
    assertThat(created.get("workflowId").asText()).isEqualTo(wf);

    assertThat(ok("containers", "list", "--workflow", wf).out())
        .contains("ID", "STATUS", shortId, "created", "busybox:latest");
    assertThat(
            ok("-o", "json", "containers", "list", "--workflow", wf, "--status", "running").json())
        .isEmpty();

    assertThat(ok("containers", "start", id).out()).contains("status    running");

    String followed = ok("containers", "logs", id, "--follow").out();
    assertThat(followed)
        .isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5\nline 6\ntoken ***\n")
        .doesNotContain("s3cr3t");
    assertThat(ok("containers", "logs", id, "--tail", "2").out()).isEqualTo("line 6\ntoken ***\n");
    assertThat(
            ok("-o", "json", "containers", "logs", id, "--since", "1h").json().get("logs").asText())
        .startsWith("line 1\n");

    assertThat(ok("containers", "stop", id, "--grace", "1").out()).contains("exited (exit 0)");
    assertThat(ok("containers", "delete", id).out()).contains("deleted container " + id);
    assertThat(ok("containers", "delete", id).code()).isZero();
    Result gone = gantry("containers", "start", id);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("error: container '" + id + "' not found");
    assertThat(ok("containers", "list", "--workflow", wf).out()).doesNotContain(shortId);
  }

  @Test
  void limitsAreSetOnTheContainerAndCappedByTheConfig() throws Exception {
    String wf = workflow("cli-limits");
    String id =
        ok(
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
                "true")
            .json()
            .get("id")
            .asText();
    HostConfig host = docker.calls().inspectContainerCmd(id).exec().getHostConfig();
    assertThat(host.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getPidsLimit()).isEqualTo(32L);
    ok("containers", "delete", id);

    Path config = dir.resolve("capped.yaml");
    Files.writeString(
        config,
        "runtime:\n  default_resources: {memory: 64m}\n  max_resources: {memory: 128m, cpus: 1}\n");
    Result refused =
        gantry(
            "-c",
            config.toString(),
            "containers",
            "create",
            wf,
            "--image",
            "busybox:latest",
            "--memory",
            "1g",
            "--",
            "true");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("resources.memory: at most 128m is allowed (runtime.max_resources.memory)");
    assertThat(ok("-o", "json", "containers", "list", "--workflow", wf).json()).isEmpty();
  }

  @Test
  void deletingAWorkflowDeletesItsContainersWhenAsked() throws Exception {
    String wf = workflow("cli-delete");
    String id =
        ok(
                "-o",
                "json",
                "containers",
                "create",
                wf,
                "--image",
                "busybox:latest",
                "--",
                "sleep",
                "60")
            .json()
            .get("id")
            .asText();
    ok("containers", "start", id);
    assertThat(
            ok("-o", "json", "containers", "list", "--workflow", wf, "--status", "running").out())
        .contains(id);
    assertThat(ok("-o", "json", "containers", "list", "--status", "running").out()).contains(id);

    assertThat(ok("workflow", "delete", wf, "--containers").out())
        .contains("deleted workflow " + wf + " with 0 execution(s) and 1 container(s)");
    assertThat(
            docker
                .calls()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.WORKFLOW, wf))
                .exec())
        .isEmpty();
    Result again = gantry("workflow", "delete", wf);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("error: workflow '" + wf + "' not found");
    Result listing = gantry("containers", "list", "--workflow", wf);
    assertThat(listing.code()).isEqualTo(1);
    assertThat(listing.err()).contains("workflow '" + wf + "' not found");
  }
}
