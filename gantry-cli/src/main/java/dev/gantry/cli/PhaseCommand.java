package dev.gantry.cli;

import dev.gantry.api.TaskWorkflowIntegration;
import dev.gantry.task.Phase;
import dev.gantry.task.PhaseId;
import dev.gantry.task.ProjectId;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry phase ...}. */
@Command(name = "phase", description = "Create, list, show, update and delete phases of a project.")
final class PhaseCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "create", description = "Create a phase.")
  int create(
      @Option(names = "--project", required = true) String project,
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--description") String description,
      @Option(names = "--order", description = "Position (default: after the last phase).")
          Integer order)
      throws Exception {
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      print(
          List.of(
              gantry
                  .tasks()
                  .createPhase(ProjectId.of(project), name, description, order, Map.of())));
    }
    return 0;
  }

  @Command(name = "list", description = "List a project's phases in order.")
  int list(@Option(names = "--project", required = true) String project) throws Exception {
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      print(gantry.tasks().listPhases(ProjectId.of(project)));
    }
    return 0;
  }

  @Command(name = "show", description = "Show a phase and its progress.")
  int show(@Parameters(paramLabel = "PHASE") String id) throws Exception {
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      Phase phase = gantry.tasks().getPhase(PhaseId.of(id));
      var progress = gantry.tasks().phaseProgress(phase.id());
      Output out = root.context().output();
      if (out.json()) {
        out.printJson(Map.of("phase", phase, "progress", progress));
      } else {
        print(List.of(phase));
        System.out.println(
            "progress "
                + progress.percent()
                + "% ("
                + progress.completed()
                + "/"
                + progress.total()
                + " tasks completed)");
      }
    }
    return 0;
  }

  @Command(name = "update", description = "Change a phase's name, description or order.")
  int update(
      @Parameters(paramLabel = "PHASE") String id,
      @Option(names = "--name") String name,
      @Option(names = "--description") String description,
      @Option(names = "--order") Integer order)
      throws Exception {
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      print(List.of(gantry.tasks().updatePhase(PhaseId.of(id), name, description, order, null)));
    }
    return 0;
  }

  @Command(name = "delete", description = "Delete a phase (its tasks stay in the project).")
  int delete(@Parameters(paramLabel = "PHASE") String id) throws Exception {
    try (TaskWorkflowIntegration gantry = root.context().open()) {
      gantry.tasks().deletePhase(PhaseId.of(id));
      System.out.println("deleted phase " + id);
    }
    return 0;
  }

  private void print(List<Phase> phases) {
    root.context()
        .output()
        .print(
            phases,
            List.of("ID", "PROJECT", "ORDER", "NAME", "DESCRIPTION"),
            phases.stream()
                .map(
                    p ->
                        List.<Object>of(
                            p.id(), p.projectId(), p.order(), p.name(), p.description()))
                .toList());
  }
}
