package dev.gantry.cli.durability;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.cli.ShutdownHook;
import dev.gantry.task.Project;
import dev.gantry.task.Task;
import dev.gantry.task.TaskDraft;
import dev.gantry.workflow.ExecutionHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The separate JVM the durability ITs kill or stop: opens Gantry with the config file {@code
 * args[0]} and owner id {@code args[1]}, submits {@code args[2]} workflows made by {@link
 * #pipeline} and prints {@code SUBMITTED <execution>} for each, then {@code DONE <execution>} as
 * each ends. SIGTERM shuts it down gracefully (the CLI's {@link ShutdownHook}); SIGKILL just kills.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  /** Two steps; the second reads the first's output, so recovery must keep artifacts. */
  public static Map<String, Object> pipeline(int index, int seconds) {
    String token = "token-" + index;
    return Map.of(
        "steps",
        List.of(
            Map.of(
                "name",
                "make",
                "command",
                "mkdir -p /out && sleep " + seconds + " && echo " + token + " > /out/x",
                "outputs",
                List.of("/out/x")),
            Map.of(
                "name", "use", "command", "sleep 1 && cat /out/x", "depends_on", List.of("make"))));
  }

  public static void main(String[] args) throws Exception {
    DurabilityFixture.infoLogs();
    int count = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    TaskWorkflowIntegration gantry =
        TaskWorkflowIntegration.builder(new dev.gantry.config.ConfigLoader().load(Path.of(args[0])))
            .ownerId(args[1])
            .recovery(false)
            .build();
    ShutdownHook.install(gantry);
    Project project = gantry.tasks().createProject("durability", "", Map.of());
    List<Thread> waiters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Task task = gantry.tasks().createTask(TaskDraft.builder(project.id(), "t" + i).build());
      gantry.createCustomPipeline(task.id().value(), pipeline(i, seconds));
      ExecutionHandle handle =
          gantry.executeTaskWorkflowAsync(task.id().value(), null, Map.of("index", i), true);
      System.out.println("SUBMITTED " + handle.executionId().value() + " " + i);
      System.out.flush();
      waiters.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      handle.await(Duration.ofMinutes(5));
                      System.out.println("DONE " + handle.executionId().value());
                      System.out.flush();
                    } catch (Exception e) {
                      System.out.println("STOPPED " + handle.executionId().value() + " " + e);
                      System.out.flush();
                    }
                  }));
    }
    for (Thread t : waiters) {
      t.join();
    }
    gantry.close();
  }
}
