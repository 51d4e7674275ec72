package dev.gantry.cli;

import dev.gantry.api.PipelineInfo;
import dev.gantry.cli.backend.Backend;
import dev.gantry.pipeline.PipelineParser;
import dev.gantry.task.PhaseId;
import dev.gantry.task.Priority;
import dev.gantry.task.ProjectId;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.task.TaskFilter;
import dev.gantry.task.TaskId;
import dev.gantry.task.TaskPatch;
import dev.gantry.task.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry task ...}. */
@Command(
    name = "task",
    description = "Create, list, show, update and delete tasks; give a task its pipeline.")
final class TaskCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "create", description = "Create a task.")
  int create(
      @Option(names = "--project", required = true) String project,
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--description") String description,
      @Option(names = "--phase") String phase,
      @Option(names = "--parent") String parent,
      @Option(names = "--status", description = "planned, pending (default), ...") String status,
      @Option(names = "--priority", description = "low, medium (default), high, critical")
          String priority,
      @Option(names = "--assignee") String assignee,
      @Option(names = "--assignee-type") String assigneeType,
      @Option(names = "--meta", description = "Metadata entry KEY=VALUE.") Map<String, String> meta,
      @Option(names = "--id") String id,
      @Option(
              names = "--depends-on",
              split = ",",
              description = "Tasks whose workflows must complete before this one's (repeatable).")
          List<String> dependsOn)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      TaskDraft.Builder draft =
          TaskDraft.builder(ProjectId.of(project), name)
              .description(description)
              .metadata(CliContext.map(meta))
              .assignee(assignee, assigneeType);
      if (id != null) {
        draft.id(TaskId.of(id));
      }
      if (phase != null) {
        draft.phase(PhaseId.of(phase));
      }
      if (parent != null) {
        draft.parent(TaskId.of(parent));
      }
      if (status != null) {
        draft.status(TaskStatus.parse(status));
      }
      if (priority != null) {
        draft.priority(Priority.parse(priority));
      }
      if (dependsOn != null) {
        draft.dependsOn(taskIds(dependsOn));
      }
      showTask(gantry.createTask(draft.build()));
    }
    return 0;
  }

  @Command(name = "list", description = "List tasks, filtered by project, phase, status, assignee.")
  int list(
      @Option(names = "--project") String project,
      @Option(names = "--phase") String phase,
      @Option(names = "--status") String status,
      @Option(names = "--assignee") String assignee)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      List<Task> tasks =
          gantry.listTasks(
              new TaskFilter(
                  project == null ? null : ProjectId.of(project),
                  phase == null ? null : PhaseId.of(phase),
                  status == null ? null : TaskStatus.parse(status),
                  assignee));
      print(tasks);
    }
    return 0;
  }

  @Command(name = "show", description = "Show a task with its metadata, result and error.")
  int show(@Parameters(paramLabel = "TASK") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      showTask(gantry.getTask(id));
    }
    return 0;
  }

  @Command(name = "update", description = "Change a task; metadata entries are merged.")
  int update(
      @Parameters(paramLabel = "TASK") String id,
      @Option(names = "--name") String name,
      @Option(names = "--description") String description,
      @Option(names = "--status") String status,
      @Option(names = "--priority") String priority,
      @Option(names = "--progress") Integer progress,
      @Option(names = "--phase") String phase,
      @Option(names = "--assignee") String assignee,
      @Option(names = "--assignee-type") String assigneeType,
      @Option(names = "--meta", description = "Metadata entry KEY=VALUE (merged).")
          Map<String, String> meta,
      @Option(
              names = "--depends-on",
              split = ",",
              description = "Replace the task's dependencies ('' for none).")
          List<String> dependsOn)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      TaskPatch.Builder patch =
          TaskPatch.builder().name(name).description(description).progress(progress);
      if (status != null) {
        patch.status(TaskStatus.parse(status));
      }
      if (priority != null) {
        patch.priority(Priority.parse(priority));
      }
      if (phase != null) {
        patch.phaseId(PhaseId.of(phase));
      }
      if (assignee != null || assigneeType != null) {
        patch.assignee(assignee, assigneeType);
      }
      if (meta != null) {
        patch.metadata(CliContext.map(meta));
      }
      if (dependsOn != null) {
        patch.dependsOn(taskIds(dependsOn));
      }
      showTask(gantry.updateTask(id, patch.build()));
    }
    return 0;
  }

  private static List<TaskId> taskIds(List<String> ids) {
    return ids.stream().map(String::strip).filter(v -> !v.isEmpty()).map(TaskId::of).toList();
  }

  @Command(name = "delete", description = "Delete a task with its pipelines and workflows.")
  int delete(@Parameters(paramLabel = "TASK") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.deleteTask(id);
      System.out.println("deleted task " + id);
    }
    return 0;
  }

  @Command(
      name = "pipeline",
      description =
          "Give a task a custom pipeline from a YAML or JSON file (createCustomPipeline).")
  int pipeline(
      @Parameters(paramLabel = "TASK") String id, @Parameters(paramLabel = "FILE") Path file)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      PipelineInfo info = gantry.createCustomPipeline(id, Files.readString(file));
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(info);
      } else {
        System.out.println(
            "pipeline "
                + info.pipelineId()
                + " ("
                + info.pipeline().steps().size()
                + " steps) stored for task "
                + id);
      }
    }
    return 0;
  }

  @Command(
      name = "convert",
      description =
          "Give a task a pipeline made from a template with parameters (convertTaskToPipeline);"
              + " prints the stored pipeline.")
  int convert(
      @Parameters(paramLabel = "TASK") String id,
      @Option(names = "--template", required = true, description = "Template id.") String template,
      @Option(
              names = "--param",
              paramLabel = "NAME=VALUE",
              description =
                  "Parameter NAME=VALUE (repeatable). Numbers, booleans, arrays and objects are"
                      + " read as YAML/JSON when the parameter has that type, e.g."
                      + " --param items='[a, b]'.")
          Map<String, String> params,
      @Option(
              names = "--param-file",
              paramLabel = "NAME=FILE",
              description = "Parameter NAME=FILE: the value is the file's text (repeatable).")
          Map<String, Path> paramFiles)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      Map<String, Object> values =
          ParamOptions.of(gantry.getTemplate(template), params, paramFiles);
      PipelineInfo info = gantry.convertTaskToPipeline(id, template, values);
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(info);
      } else {
        System.out.println(
            "pipeline "
                + info.pipelineId()
                + " ("
                + info.pipeline().steps().size()
                + " steps) stored for task "
                + id
                + " from "
                + info.source());
        System.out.print(PipelineParser.toYaml(info.pipeline()));
      }
    }
    return 0;
  }

  private void print(List<Task> tasks) {
    root.context()
        .output()
        .print(
            tasks,
            List.of("ID", "NAME", "STATUS", "PRIORITY", "PROGRESS", "PHASE", "ASSIGNEE"),
            tasks.stream()
                .map(
                    t ->
                        List.<Object>of(
                            t.id(),
                            t.name(),
                            t.status().wireName(),
                            t.priority().wireName(),
                            t.progress() + "%",
                            t.phaseId() == null ? "-" : t.phaseId(),
                            t.assigneeId() == null ? "-" : t.assigneeId()))
                .toList());
  }

  private void showTask(Task t) {
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(t);
      return;
    }
    print(List.of(t));
    if (!t.description().isEmpty()) {
      System.out.println("description: " + t.description());
    }
    if (!t.dependsOn().isEmpty()) {
      System.out.println(
          "depends on: " + String.join(", ", t.dependsOn().stream().map(TaskId::value).toList()));
    }
    if (!t.metadata().isEmpty()) {
      System.out.println("metadata:");
      t.metadata().forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }
    if (t.error() != null) {
      System.out.println("error: " + t.error());
    }
    if (t.result() != null) {
      System.out.println("result: " + t.result().get("result"));
    }
  }
}
