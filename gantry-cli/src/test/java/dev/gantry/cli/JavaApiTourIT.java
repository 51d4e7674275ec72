package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.api.WorkflowRunResult;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java tour, run for real on Docker; {@link DocsSnippetsTest} keeps both equal. */
class JavaApiTourIT {
  @TempDir Path dir;

  @BeforeAll
  static void image() {
    try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
      new LocalImages(engine).ensureBusybox();
    }
  }

  @Test
  void tourPrintsWhatTheReadmeSays() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      tour();
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("true 6 /out/text.txt", "completed completed");
  }

  void tour() throws Exception {
    Path configFile = dir.resolve("gantry.yaml");
    Files.writeString(
        configFile,
        "workflow_defaults:\n  timeout_seconds: 120\ndata_directory: "
            + dir.resolve("data")
            + "\n");
    Path templatesDir = dir.resolve("templates");
    // tour:start
    try (TaskWorkflowIntegration gantry =
        TaskWorkflowIntegration.create(configFile, templatesDir)) {
      // A project and a task in the task manager
      Project project = gantry.tasks().createProject("Docs", "README tour", Map.of());
      Task task = gantry.tasks().createTask(TaskDraft.builder(project.id(), "Count words").build());

      // The task's pipeline: two steps; the first one's output file is the second one's input
      gantry.createCustomPipeline(
          task.id().value(),
          """
          steps:
            - name: write
              command: "mkdir -p /out && echo 'to be or not to be' > /out/text.txt"
              outputs: [/out/text.txt]
            - name: count
              depends_on: [write]
              command: ["wc", "-w", "/out/text.txt"]
          """);

      // Run it in containers and wait: a failure is a result, not an exception
      WorkflowRunResult result =
          gantry.executeTaskWorkflow(task.id().value(), "containerized_workflow", Map.of(), false);
      System.out.println(result.success() + " " + result.result().get("output"));
      // → true 6 /out/text.txt

      WorkflowStatusInfo status = gantry.getWorkflowStatus(task.id().value());
      System.out.println(
          status.workflowStatus() + " " + gantry.tasks().getTask(task.id()).status().wireName());
      // → completed completed
    }
    // tour:end
  }
}
