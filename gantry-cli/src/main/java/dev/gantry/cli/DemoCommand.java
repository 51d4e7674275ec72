package dev.gantry.cli;

import dev.gantry.GantryException;
import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.config.GantryConfig;
import dev.gantry.docker.DockerEngine;
import dev.gantry.docker.DockerHost;
import dev.gantry.docker.LocalImages;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskFilter;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.ExecutionHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gantry demo}: checks the Docker engine, makes sure a busybox image exists, imports the
 * example project and runs every task's pipeline in containers, then prints a summary.
 */
@Command(
    name = "demo",
    description =
        "Import the example project and run all its tasks as container pipelines on Docker.")
final class DemoCommand implements Callable<Integer> {
  static final String PROJECT_RESOURCE = "/dev/gantry/cli/examples/demo-project.yaml";
  static final String EXPECTED_FAILURE = "demo_expected_failure";

  @ParentCommand GantryCommand root;

  @Option(
      names = "--concurrency",
      description = "Tasks run at once (default 3).",
      defaultValue = "3")
  int concurrency;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    root.context().requireLocal("demo", "runs its own local instance and Docker engine");
    GantryConfig config = root.context().config();
    out.println("Gantry demo — data directory " + config.dataDirectory());
    if (!prepareEngine(config)) {
      return 1;
    }
    try (TaskWorkflowIntegration gantry = TaskWorkflowIntegration.builder(config).build()) {
      Project project =
          ProjectCommand.transfer(gantry, templatesDir(config)).importYaml(exampleProject(), true);
      List<Task> tasks = gantry.tasks().listTasks(TaskFilter.project(project.id()));
      out.println(
          "imported project '"
              + project.name()
              + "': "
              + gantry.tasks().listPhases(project.id()).size()
              + " phases, "
              + tasks.size()
              + " tasks");
      out.println("running " + tasks.size() + " workflows, " + concurrency + " at a time");
      List<Row> rows = runAll(gantry, tasks);
      out.println();
      printSummary(rows);
      long unexpected = rows.stream().filter(r -> !r.asExpected()).count();
      out.println();
      out.println(
          unexpected == 0
              ? "demo finished: every task ended as expected (one fails on purpose)."
                  + " Try: gantry task list --project "
                  + project.id()
              : "demo finished with " + unexpected + " unexpected result(s)");
      return unexpected == 0 ? 0 : 1;
    }
  }

  private boolean prepareEngine(GantryConfig config) throws InterruptedException {
    DockerHost host = DockerHost.resolve(config.runtime().dockerHost(), System.getenv());
    try (DockerEngine engine = DockerEngine.connect(host)) {
      engine.ping();
      out.println("docker engine at " + host.uri() + " answers");
      HostBusybox.installIfMissing(out);
      LocalImages.Source source = new LocalImages(engine).ensureBusybox();
      out.println(
          "image "
              + LocalImages.BUSYBOX
              + " "
              + switch (source) {
                case PRESENT -> "is present";
                case PULLED -> "was pulled";
                case BUILT_FROM_HOST -> "was built from the host's busybox-static binary";
              });
      return true;
    } catch (GantryException e) {
      System.err.println("error: " + e.getMessage());
      return false;
    }
  }

  /**
   * The distribution's built-in templates, which the example project uses, else the configured
   * templates directory.
   */
  private static Path templatesDir(GantryConfig config) {
    Path builtIn = CliContext.builtInTemplates();
    return builtIn != null ? builtIn : config.templatesDir();
  }

  private static String exampleProject() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(PROJECT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the CLI jar lacks " + PROJECT_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<Row> runAll(TaskWorkflowIntegration gantry, List<Task> tasks)
      throws InterruptedException {
    Map<String, Row> rows = new ConcurrentHashMap<>();
    AtomicInteger finished = new AtomicInteger();
    Semaphore slots = new Semaphore(Math.max(1, concurrency));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Task task : tasks) {
        slots.acquire();
        pool.execute(
            () -> {
              try {
                rows.put(task.id().value(), run(gantry, task));
                int n = finished.incrementAndGet();
                Row r = rows.get(task.id().value());
                out.println("[" + n + "/" + tasks.size() + "] " + task.name() + " → " + r.status());
              } finally {
                slots.release();
              }
            });
      }
    }
    List<Row> ordered = new ArrayList<>();
    tasks.forEach(t -> ordered.add(rows.get(t.id().value())));
    return ordered;
  }

  private Row run(TaskWorkflowIntegration gantry, Task task) {
    boolean expectFailure = Boolean.TRUE.equals(task.metadata().get(EXPECTED_FAILURE));
    Instant start = Instant.now();
    try {
      ExecutionHandle handle =
          gantry.executeTaskWorkflowAsync(
              task.id().value(), "containerized_workflow", Map.of(), false);
      Execution done = new StepWatcher(out, "  [" + task.name() + "] ").follow(gantry, handle);
      Task after = gantry.tasks().getTask(task.id());
      var last = done.steps().get(done.steps().size() - 1);
      Integer exit = null;
      String excerpt = "";
      for (var step : done.steps()) {
        if (step.exitCode() != null) {
          exit = step.exitCode();
          excerpt = step.lastAttempt().stdout().strip();
          if (step.exitCode() != 0) {
            String err = step.lastAttempt().stderr().strip();
            excerpt = err.isEmpty() ? excerpt : err;
            break;
          }
        }
      }
      if (excerpt.isEmpty() && last.error() != null) {
        excerpt = last.error();
      }
      boolean success = done.state().isSuccessful();
      return new Row(
          task.name(),
          after.status().wireName(),
          Duration.between(start, Instant.now()),
          exit,
          lastLine(excerpt),
          success != expectFailure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Row(task.name(), "interrupted", Duration.ZERO, null, "", false);
    } catch (GantryException e) {
      return new Row(
          task.name(),
          "error",
          Duration.between(start, Instant.now()),
          null,
          e.getMessage(),
          false);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private void printSummary(List<Row> rows) {
    List<List<Object>> table = new ArrayList<>();
    for (Row r : rows) {
      table.add(
          List.of(
              r.task(),
              r.status() + (r.asExpected() ? "" : " (unexpected)"),
              Durations.format(r.duration()),
              r.exitCode() == null ? "-" : r.exitCode(),
              r.excerpt()));
    }
    out.print(Output.table(List.of("TASK", "STATUS", "DURATION", "EXIT", "OUTPUT"), table));
  }

  record Row(
      String task,
      String status,
      Duration duration,
      Integer exitCode,
      String excerpt,
      boolean asExpected) {}
}
