package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.InvalidInputException;
import dev.gantry.NotFoundException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowDeletion;
import dev.gantry.config.ConfigLoader;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.runtime.ContainerInfo;
import dev.gantry.runtime.Labels;
import dev.gantry.task.Project;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.ExecutionHandle;
import dev.gantry.workflow.WorkflowBusyException;
import dev.gantry.workflow.WorkflowState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's container management API through {@link TaskWorkflowIntegration} on Docker. */
class ContainerApiIT {
  @TempDir static Path dir;

  private static final String OWNER = "container-api-it-" + UUID.randomUUID();
  private static DockerEngine docker;
  private static TaskWorkflowIntegration gantry;
  private static Project project;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerEngine.connect(DockerHost.fromEnvironment());
    new LocalImages(docker).ensureBusybox();
    gantry = open("");
    project = gantry.tasks().createProject("Containers", "ContainerApiIT", Map.of());
  }

  private static TaskWorkflowIntegration open(String extra) throws Exception {
    Path config = Files.createTempFile(dir, "gantry", ".yaml");
    Files.writeString(config, "store:\n  type: memory\ndata_directory: data\n" + extra);
    return TaskWorkflowIntegration.builder(new ConfigLoader().load(config)).ownerId(OWNER).build();
  }

  @AfterAll
  static void stop() {
    try {
      if (gantry != null) {
        gantry.close();
      }
      assertThat(
              docker
                  .calls()
                  .listContainersCmd()
                  .withShowAll(true)
                  .withLabelFilter(Map.of(Labels.OWNER, OWNER))
                  .exec())
          .isEmpty();
    } finally {
      docker.close();
    }
  }

  private static String workflow(TaskWorkflowIntegration g, String name) {
    String task = g.tasks().createTask(TaskDraft.builder(project.id(), name).build()).id().value();
    return g.createWorkflowFromTask(task, name, Map.of()).workflowId();
  }

  @Test
  void theSeedsExampleThroughTheFacade() {
    String wf = workflow(gantry, "seed example");
    ContainerInfo c =
        gantry.createContainer(
            wf,
            "busybox:latest",
            null,
            Map.of("VAR1", "value1"),
            List.of(),
            List.of("sh", "-c", "echo Hello, World!; echo $VAR1"));
    assertThat(c.status()).isEqualTo("created");
    assertThat(c.workflowId()).isEqualTo(wf);
    assertThat(c.labels())
        .containsEntry(Labels.OWNER, OWNER)
        .containsEntry(Labels.WORKFLOW, wf)
        .containsEntry("gantry.kind", "managed")
        .containsKey(Labels.TASK);
    gantry.startContainer(c.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> gantry.getContainer(c.id()).status().equals("exited"));
    assertThat(gantry.getContainerLogs(c.id(), null, null)).contains("Hello, World!", "value1");
    gantry.stopContainer(c.id());
    gantry.stopContainer(c.id(), 1);
    gantry.deleteContainer(c.id());
    gantry.deleteContainer(c.id());
    assertThatThrownBy(() -> gantry.getContainer(c.id()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("container '" + c.id() + "' not found");
  }

  @Test
  void unknownWorkflowsAndUnmanagedContainersAreNotFound() {
    assertThatThrownBy(
            () ->
                gantry.createContainer(
                    "wf-nope", "busybox:latest", null, Map.of(), List.of(), List.of("true")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("workflow 'wf-nope' not found");
    String foreign =
        docker
            .calls()
            .createContainerCmd("busybox:latest")
            .withCmd("true")
            .withLabels(Map.of(Labels.OWNER, OWNER))
            .exec()
            .getId();
    try {
      assertThatThrownBy(() -> gantry.startContainer(foreign))
          .isInstanceOf(NotFoundException.class);
      gantry.deleteContainer(foreign);
      assertThat(docker.calls().inspectContainerCmd(foreign).exec().getId()).isEqualTo(foreign);
    } finally {
      docker.calls().removeContainerCmd(foreign).withForce(true).exec();
    }
  }

  @Test
  void theTmpVolumeNeedsAllowedHostPaths() throws Exception {
    List<Map<String, Object>> tmp = List.of(Map.of("source", "/tmp", "target", "/data"));
    String file = "container-api-it-" + UUID.randomUUID();
    List<String> write = List.of("sh", "-c", "echo hi > /data/" + file);
    String wf = workflow(gantry, "tmp refused");
    assertThatThrownBy(
            () -> gantry.createContainer(wf, "busybox:latest", null, Map.of(), tmp, write))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("security.allowed_host_paths");
    assertThat(gantry.listContainers(wf, null)).isEmpty();

    try (TaskWorkflowIntegration allowing = open("security:\n  allowed_host_paths: [/tmp]\n")) {
      String task =
          allowing
              .tasks()
              .createTask(
                  TaskDraft.builder(allowing.tasks().createProject("q", "q", Map.of()).id(), "tmp")
                      .build())
              .id()
              .value();
      String wf2 = allowing.createWorkflowFromTask(task, "tmp", Map.of()).workflowId();
      ContainerInfo c = allowing.createContainer(wf2, "busybox:latest", null, Map.of(), tmp, write);
      allowing.startContainer(c.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> allowing.getContainer(c.id()).status().equals("exited"));
      assertThat(Path.of("/tmp", file)).hasContent("hi");
      assertThat(allowing.deleteWorkflowContainers(wf2)).isEqualTo(1);
      assertThat(allowing.listContainers(wf2, null)).isEmpty();
    } finally {
      Files.deleteIfExists(Path.of("/tmp", file));
    }
  }

  @Test
  void listsByWorkflowAndStatusAndDeletesAWorkflowsContainers() {
    String wf = workflow(gantry, "listing");
    ContainerInfo running =
        gantry.createContainer(
            wf, "busybox:latest", null, Map.of(), List.of(), List.of("sleep", "60"));
    ContainerInfo idle =
        gantry.createContainer(wf, "busybox:latest", null, Map.of(), List.of(), List.of("true"));
    gantry.startContainer(running.id());
    assertThat(gantry.listContainers(wf, null))
        .extracting(ContainerInfo::id)
        .containsExactlyInAnyOrder(running.id(), idle.id());
    assertThat(gantry.listContainers(wf, "running"))
        .extracting(ContainerInfo::id)
        .containsExactly(running.id());
    assertThat(gantry.listContainers(wf, "created"))
        .extracting(ContainerInfo::id)
        .containsExactly(idle.id());
    assertThat(gantry.deleteWorkflowContainers(wf)).isEqualTo(2);
    assertThat(gantry.listContainers(wf, null)).isEmpty();
  }

  @Test
  void deletingAWorkflowWithARunningExecutionNeedsCancelAndThenRemovesEverything()
      throws Exception {
    String task =
        gantry.tasks().createTask(TaskDraft.builder(project.id(), "busy").build()).id().value();
    String wf = gantry.createWorkflowFromTask(task, "busy", Map.of()).workflowId();
    ContainerInfo managed =
        gantry.createContainer(
            wf, "busybox:latest", null, Map.of(), List.of(), List.of("sleep", "60"));
    gantry.startContainer(managed.id());
    ExecutionHandle run =
        gantry.executeTaskWorkflowAsync(
            task,
            "containerized_workflow",
            Map.of("container_image", "busybox:latest", "command", List.of("sleep", "60")),
            true);
    assertThat(run.workflowId().value()).isEqualTo(wf);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> run.state() == WorkflowState.RUNNING && stepContainers(wf) == 1);

    assertThatThrownBy(() -> gantry.deleteWorkflow(wf, true))
        .isInstanceOf(WorkflowBusyException.class)
        .hasMessageContaining("unfinished execution '" + run.executionId() + "' (running)");
    assertThat(gantry.getContainer(managed.id()).status()).isEqualTo("running");

    WorkflowDeletion deleted = gantry.deleteWorkflow(wf, true, true);

    assertThat(deleted.cancelled()).containsExactly(run.executionId().value());
    assertThat(deleted.executions()).isEqualTo(1);
    assertThat(deleted.containers()).isEqualTo(1);
    assertThat(
            docker
                .calls()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.WORKFLOW, wf))
                .exec())
        .isEmpty();
    assertThatThrownBy(() -> gantry.getWorkflow(wf)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gantry.getContainer(managed.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> gantry.deleteWorkflow(wf, true))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("workflow '" + wf + "' not found");
  }

  /** Running step containers (not managed ones) of the workflow. */
  private static int stepContainers(String wf) {
    return (int)
        docker
            .calls()
            .listContainersCmd()
            .withLabelFilter(Map.of(Labels.WORKFLOW, wf))
            .exec()
            .stream()
            .filter(c -> c.getLabels().get("gantry.kind") == null)
            .count();
  }
}
