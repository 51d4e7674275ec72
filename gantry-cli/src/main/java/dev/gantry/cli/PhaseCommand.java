package dev.gantry.cli;

import dev.gantry.cli.backend.Backend;
import dev.gantry.task.Phase;
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
    try (Backend gantry = root.context().backend()) {
      print(List.of(gantry.createPhase(project, name, description, order)));
    }
    return 0;
  }

  @Command(name = "list", description = "List a project's phases in order.")
  int list(@Option(names = "--project", required = true) String project) throws Exception {
    try (Backend gantry = root.context().backend()) {
      print(gantry.listPhases(project));
    }
    return 0;
  }

  @Command(name = "show", description = "Show a phase and its progress.")
  int show(@Parameters(paramLabel = "PHASE") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      Phase phase = gantry.getPhase(id);
      var progress = gantry.phaseProgress(phase.id().value());
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
    try (Backend gantry = root.context().backend()) {
      print(List.of(gantry.updatePhase(id, name, description, order)));
    }
    return 0;
  }

  @Command(name = "delete", description = "Delete a phase (its tasks stay in the project).")
  int delete(@Parameters(paramLabel = "PHASE") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.deletePhase(id);
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
