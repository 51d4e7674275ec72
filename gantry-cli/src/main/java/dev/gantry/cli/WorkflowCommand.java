package dev.gantry.cli;

import dev.gantry.api.WorkflowDeletion;
import dev.gantry.api.WorkflowStatusInfo;
import dev.gantry.cli.backend.Backend;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gantry workflow run|status|logs TASK}, {@code gantry workflow cancel EXECUTION_ID}, {@code
 * gantry workflow delete WORKFLOW_ID}.
 */
@Command(
    name = "workflow",
    description =
        "Run a task's workflow, show its status and logs, cancel an execution, delete a"
            + " workflow.")
final class WorkflowCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "run", description = "Run the task's workflow and follow it.")
  int run(
      @Parameters(paramLabel = "TASK") String taskId,
      @Option(names = "--type", description = "containerized_workflow (default) or dagger_pipeline")
          String type,
      @Option(names = "--param", description = "Workflow parameter KEY=VALUE.")
          Map<String, String> params,
      @Option(names = "--skip-cache") boolean skipCache)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      Map<String, Object> p = new HashMap<>(CliContext.map(params));
      Backend.RunStart handle = gantry.startWorkflow(taskId, type, p, skipCache);
      Output out = root.context().output();
      if (!out.json()) {
        System.out.println(
            "execution " + handle.executionId() + " of workflow " + handle.workflowId());
        if (handle.cached()) {
          System.out.println("  served from the workflow cache (--skip-cache runs it again)");
        }
      }
      Execution done =
          new StepWatcher(out.json() ? nullStream() : System.out, "  ")
              .follow(gantry, handle.executionId());
      if (out.json()) {
        out.printJson(done);
      } else {
        System.out.println(
            "execution "
                + done.id()
                + " "
                + done.state().wireName()
                + (done.error() == null ? "" : ": " + done.error()));
      }
      return done.state().isSuccessful() ? 0 : 1;
    }
  }

  @Command(name = "status", description = "Show the task's workflow status (getWorkflowStatus).")
  int status(@Parameters(paramLabel = "TASK") String taskId) throws Exception {
    try (Backend gantry = root.context().backend()) {
      WorkflowStatusInfo s = gantry.getWorkflowStatus(taskId);
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(s);
        return 0;
      }
      Map<String, Object> rows = new LinkedHashMap<>();
      rows.put("task", s.taskId() + " (" + s.taskStatus() + ")");
      rows.put("workflow", s.workflowId());
      rows.put("workflow status", s.workflowStatus());
      rows.put("workflow type", s.workflowType());
      rows.put("execution", s.executionId());
      rows.put("created at", s.workflowCreatedAt());
      rows.put("started at", s.workflowStartedAt());
      rows.put("completed at", s.workflowCompletedAt());
      rows.put("failed at", s.workflowFailedAt());
      rows.put("error", s.workflowError());
      rows.forEach(
          (k, v) -> {
            if (v != null) System.out.printf("%-16s %s%n", k, v);
          });
      if (s.executionId() != null) {
        Execution e = gantry.getExecution(s.executionId());
        e.steps().forEach(step -> System.out.println("  " + StepWatcher.line(step)));
      }
    }
    return 0;
  }

  @Command(
      name = "cancel",
      description =
          "Cancel a queued or running execution (cancelExecution): its containers are stopped,"
              + " pending steps cancelled, the task updated.")
  int cancel(@Parameters(paramLabel = "EXECUTION_ID") String executionId) throws Exception {
    try (Backend gantry = root.context().backend()) {
      Execution done = gantry.cancelExecution(executionId);
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(done);
      } else {
        System.out.println("execution " + done.id() + " " + done.state().wireName());
        done.steps().forEach(step -> System.out.println("  " + StepWatcher.line(step)));
      }
    }
    return 0;
  }

  @Command(name = "logs", description = "Print the output of the task's latest execution.")
  int logs(
      @Parameters(paramLabel = "TASK") String taskId,
      @Option(names = "--execution", description = "Another execution than the latest.")
          String executionId,
      @Option(names = "--step", description = "Only this step.") String stepName)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      String id =
          executionId != null ? executionId : gantry.getWorkflowStatus(taskId).executionId();
      if (id == null) {
        System.err.println("task " + taskId + " has not run a workflow yet");
        return 1;
      }
      Execution e = gantry.getExecution(id);
      for (StepRun step : e.steps()) {
        if (stepName != null && !stepName.equals(step.name())) {
          continue;
        }
        for (StepAttempt a : step.attempts()) {
          System.out.println(
              "== "
                  + step.name()
                  + " (attempt "
                  + a.number()
                  + ", exit "
                  + (a.exitCode() == null ? "-" : a.exitCode())
                  + ")");
          System.out.print(a.stdout());
          if (!a.stderr().isEmpty()) {
            System.out.println("-- stderr");
            System.out.print(a.stderr());
          }
          if (a.error() != null) {
            System.out.println("-- " + a.error());
          }
        }
      }
    }
    return 0;
  }

  @Command(
      name = "delete",
      description = "Delete a workflow with its executions and results (deleteWorkflow).")
  int delete(
      @Parameters(paramLabel = "WORKFLOW_ID") String workflowId,
      @Option(names = "--containers", description = "Also delete its managed containers.")
          boolean containers,
      @Option(names = "--cancel", description = "Cancel its unfinished executions first.")
          boolean cancel)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      WorkflowDeletion d = gantry.deleteWorkflow(workflowId, containers, cancel);
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(d);
      } else {
        System.out.println(
            "deleted workflow "
                + d.workflowId()
                + " with "
                + d.executions()
                + " execution(s)"
                + (containers ? " and " + d.containers() + " container(s)" : ""));
      }
    }
    return 0;
  }

  private static java.io.PrintStream nullStream() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }
}
