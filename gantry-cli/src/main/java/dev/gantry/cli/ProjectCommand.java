package dev.gantry.cli;

import dev.gantry.api.BatchRequest;
import dev.gantry.api.BatchResult;
import dev.gantry.api.ProjectTransfer;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.backend.Backend;
import dev.gantry.pipeline.template.TemplateCatalog;
import dev.gantry.task.Progress;
import dev.gantry.task.Project;
import dev.gantry.task.ProjectId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry project ...}. */
@Command(
    name = "project",
    description = "Create, list, show, update, delete, import and export projects.")
final class ProjectCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "create", description = "Create a project.")
  int create(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--description") String description,
      @Option(names = "--id", description = "Id to use instead of a generated one.") String id,
      @Option(names = "--meta", description = "Metadata entry KEY=VALUE.") Map<String, String> meta)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      show(gantry.createProject(id, name, description, CliContext.map(meta)), gantry);
    }
    return 0;
  }

  @Command(name = "list", description = "List projects.")
  int list() throws Exception {
    try (Backend gantry = root.context().backend()) {
      List<Project> projects = gantry.listProjects();
      root.context()
          .output()
          .print(
              projects,
              List.of("ID", "NAME", "TASKS", "PROGRESS", "DESCRIPTION"),
              projects.stream()
                  .map(
                      p -> {
                        Progress pr = gantry.projectProgress(p.id().value());
                        return List.<Object>of(
                            p.id(), p.name(), pr.total(), pr.percent() + "%", p.description());
                      })
                  .toList());
    }
    return 0;
  }

  @Command(name = "show", description = "Show a project with its phases and progress.")
  int show(@Parameters(paramLabel = "PROJECT") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      show(gantry.getProject(id), gantry);
    }
    return 0;
  }

  @Command(name = "update", description = "Change a project's name, description or metadata.")
  int update(
      @Parameters(paramLabel = "PROJECT") String id,
      @Option(names = "--name") String name,
      @Option(names = "--description") String description,
      @Option(names = "--meta", description = "Metadata entry KEY=VALUE (merged).")
          Map<String, String> meta)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      show(
          gantry.updateProject(id, name, description, meta == null ? null : CliContext.map(meta)),
          gantry);
    }
    return 0;
  }

  @Command(name = "delete", description = "Delete a project with its phases, tasks and workflows.")
  int delete(@Parameters(paramLabel = "PROJECT") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.deleteProject(id);
      System.out.println("deleted project " + id);
    }
    return 0;
  }

  @Command(name = "import", description = "Import a project document (YAML).")
  int importFile(
      @Parameters(paramLabel = "FILE") Path file,
      @Option(names = "--replace", description = "Replace a project with the same id.")
          boolean replace)
      throws Exception {
    root.context().requireLocal("project import", "writes the store directly");
    try (LocalBackend local = new LocalBackend(root.context())) {
      Project p = transfer(local.gantry()).importFile(file, replace);
      show(p, local);
    }
    return 0;
  }

  @Command(name = "export", description = "Export a project (phases, tasks, pipelines) as YAML.")
  int export(
      @Parameters(paramLabel = "PROJECT") String id,
      @Option(names = "--file", description = "Write to this file instead of stdout.") Path file)
      throws Exception {
    root.context().requireLocal("project export", "reads the store directly");
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      String yaml = transfer(gantry).exportYaml(ProjectId.of(id));
      if (file == null) {
        System.out.print(yaml);
      } else {
        Files.writeString(file, yaml);
        System.out.println("exported project " + id + " to " + file);
      }
    }
    return 0;
  }

  @Command(
      name = "run",
      description =
          "Run the workflows of the project's tasks in dependency order"
              + " (executeWorkflowsForProject), with a live progress display and a summary.")
  int run(
      @Parameters(paramLabel = "PROJECT") String id,
      @Option(names = "--phase", description = "Only the tasks of this phase.") String phase,
      @Option(names = "--status", description = "Only tasks in this status, e.g. pending.")
          String status,
      @Option(
              names = "--concurrency",
              description = "Workflows run at once (default: runtime.max_parallel_workflows).")
          Integer concurrency,
      @Option(names = "--force", description = "Run completed tasks again.") boolean force,
      @Option(
              names = "--workflow-type",
              description = "containerized_workflow (default) or dagger_pipeline")
          String workflowType,
      @Option(names = "--skip-cache", description = "Bypass the workflow and step caches.")
          boolean skipCache)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      Output out = root.context().output();
      BatchRequest request =
          BatchRequest.builder(id)
              .phaseId(phase)
              .status(status)
              .concurrency(concurrency)
              .force(force)
              .workflowType(workflowType)
              .skipCache(skipCache)
              .build();
      BatchProgressView view =
          new BatchProgressView(out.json() ? System.err : System.out, System.console() != null);
      BatchResult result = gantry.runProject(request, view);
      view.finish();
      if (out.json()) {
        out.printJson(result);
      } else {
        System.out.print(Output.table(BatchProgressView.headers(), BatchProgressView.rows(result)));
        System.out.println(BatchProgressView.summary(result));
      }
      return result.success() ? 0 : 1;
    }
  }

  /** The transfer of the CLI: documents may use the templates of the configured directory. */
  static ProjectTransfer transfer(TaskWorkflowIntegration gantry) {
    return transfer(gantry, gantry.config().templatesDir());
  }

  static ProjectTransfer transfer(TaskWorkflowIntegration gantry, Path templatesDir) {
    return new ProjectTransfer(
        gantry.store(),
        gantry.config().runtime().defaultImage(),
        TemplateCatalog.load(templatesDir),
        Clock.systemUTC());
  }

  private void show(Project p, Backend gantry) {
    Output out = root.context().output();
    Progress progress = gantry.projectProgress(p.id().value());
    var phases = gantry.listPhases(p.id().value());
    if (out.json()) {
      out.printJson(Map.of("project", p, "progress", progress, "phases", phases));
      return;
    }
    System.out.println("project " + p.id() + "  " + p.name());
    if (!p.description().isEmpty()) {
      System.out.println("  " + p.description());
    }
    System.out.println(
        "  progress "
            + progress.percent()
            + "% ("
            + progress.completed()
            + "/"
            + progress.total()
            + " tasks completed)");
    if (!phases.isEmpty()) {
      System.out.print(
          Output.table(
              List.of("PHASE", "ORDER", "NAME", "PROGRESS"),
              phases.stream()
                  .map(
                      ph ->
                          List.<Object>of(
                              ph.id(),
                              ph.order(),
                              ph.name(),
                              gantry.phaseProgress(ph.id().value()).percent() + "%"))
                  .toList()));
    }
  }
}
