package dev.gantry.cli;

import dev.gantry.InvalidInputException;
import dev.gantry.cli.backend.Backend;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.ContainerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gantry containers create|start|stop|delete|logs|list}: the container management API. */
@Command(
    name = "containers",
    description = "Create, start, stop, delete, read the logs of and list managed containers.")
final class ContainersCommand {
  @ParentCommand GantryCommand root;

  @Command(name = "create", description = "Create (not start) a container of a workflow.")
  int create(
      @Parameters(index = "0", paramLabel = "WORKFLOW_ID") String workflowId,
      @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The argv to run.")
          List<String> command,
      @Option(names = "--image", required = true, description = "Image, e.g. busybox:latest.")
          String image,
      @Option(names = "--name", description = "Container name.") String name,
      @Option(names = "--env", description = "Environment variable KEY=VALUE.")
          Map<String, String> env,
      @Option(names = "--volume", description = "SOURCE:TARGET[:ro] (named volume or host path).")
          List<String> volumes,
      @Option(names = "--memory", description = "Memory limit, e.g. 64m.") String memory,
      @Option(names = "--cpus", description = "CPU limit, e.g. 0.5.") Double cpus,
      @Option(names = "--pids", description = "Process limit.") Long pids)
      throws Exception {
    Resources resources =
        new Resources(
            memory == null ? null : Resources.parseSize("resources.memory", memory), cpus, pids);
    try (Backend gantry = root.context().backend()) {
      ContainerInfo c =
          gantry.createContainer(
              workflowId,
              image,
              name,
              env == null ? Map.of() : env,
              volumes(volumes),
              command == null ? List.of() : command,
              resources);
      print(c);
    }
    return 0;
  }

  @Command(name = "start", description = "Start a container.")
  int start(@Parameters(paramLabel = "CONTAINER_ID") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.startContainer(id);
      print(gantry.getContainer(id));
    }
    return 0;
  }

  @Command(name = "stop", description = "Stop a container: SIGTERM, grace period, then kill.")
  int stop(
      @Parameters(paramLabel = "CONTAINER_ID") String id,
      @Option(names = "--grace", description = "Seconds to wait before killing (default 10).")
          Integer grace)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.stopContainer(id, grace);
      print(gantry.getContainer(id));
    }
    return 0;
  }

  @Command(name = "delete", description = "Delete a container (harmless when already deleted).")
  int delete(@Parameters(paramLabel = "CONTAINER_ID") String id) throws Exception {
    try (Backend gantry = root.context().backend()) {
      gantry.deleteContainer(id);
    }
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(Map.of("deleted", id));
    } else {
      System.out.println("deleted container " + id);
    }
    return 0;
  }

  @Command(name = "logs", description = "Print a container's stdout and stderr.")
  int logs(
      @Parameters(paramLabel = "CONTAINER_ID") String id,
      @Option(names = "--follow", description = "Keep printing new lines until it stops.")
          boolean follow,
      @Option(names = "--tail", description = "Only the last N lines.") Integer tail,
      @Option(
              names = "--since",
              description = "Only lines since an instant (2025-01-01T10:00:00Z) or ago (30s, 5m).")
          String since)
      throws Exception {
    Instant from = since(since);
    Output out = root.context().output();
    try (Backend gantry = root.context().backend()) {
      if (!follow) {
        String text = gantry.getContainerLogs(id, tail, from);
        if (out.json()) {
          out.printJson(Map.of("container_id", id, "logs", text));
        } else {
          System.out.print(text);
        }
        return 0;
      }
      String error = gantry.followContainerLogs(id, tail, from, line -> printLine(out, line));
      if (error != null) {
        System.err.println("error: the log stream of " + id + " failed: " + error);
        return 1;
      }
    }
    return 0;
  }

  private static synchronized void printLine(Output out, String line) {
    if (out.json()) {
      out.printJsonLine(Map.of("line", line));
    } else {
      System.out.println(line);
    }
  }

  @Command(name = "list", description = "List managed containers.")
  int list(
      @Option(names = "--workflow", description = "Only this workflow's.") String workflowId,
      @Option(names = "--status", description = "Only in this status: created, running, exited.")
          String status)
      throws Exception {
    try (Backend gantry = root.context().backend()) {
      List<ContainerInfo> found = gantry.listContainers(workflowId, status);
      List<List<Object>> rows = new ArrayList<>();
      for (ContainerInfo c : found) {
        rows.add(List.of(shortId(c.id()), c.name(), c.image(), c.status(), c.workflowId()));
      }
      root.context()
          .output()
          .print(found, List.of("ID", "NAME", "IMAGE", "STATUS", "WORKFLOW"), rows);
    }
    return 0;
  }

  private void print(ContainerInfo c) {
    Output out = root.context().output();
    if (out.json()) {
      out.printJson(c);
      return;
    }
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("id", c.id());
    rows.put("name", c.name());
    rows.put("image", c.image());
    rows.put("status", c.status() + (c.exitCode() == null ? "" : " (exit " + c.exitCode() + ")"));
    rows.put("workflow", c.workflowId());
    rows.forEach((k, v) -> System.out.printf("%-9s %s%n", k, v == null ? "-" : v));
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /** {@code SOURCE:TARGET[:ro]} as the API's volume maps. */
  static List<Map<String, Object>> volumes(List<String> specs) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (specs == null) {
      return out;
    }
    for (int i = 0; i < specs.size(); i++) {
      String[] parts = specs.get(i).split(":");
      boolean ro = parts.length == 3 && parts[2].equals("ro");
      if (parts.length < 2
          || parts.length > 3
          || parts.length == 3 && !ro && !parts[2].equals("rw")) {
        throw new InvalidInputException(
            "--volume[" + i + "]",
            "expected SOURCE:TARGET or SOURCE:TARGET:ro, e.g. data:/data, got '"
                + specs.get(i)
                + "'");
      }
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("source", parts[0]);
      v.put("target", parts[1]);
      v.put("read_only", ro);
      out.add(v);
    }
    return out;
  }

  /** An ISO instant, or a duration ago such as {@code 30s}, {@code 5m}, {@code 2h}. */
  static Instant since(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    if (t.matches("\\d+[smhd]")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration ago =
          switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return Instant.now().minus(ago);
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "--since",
          "expected an instant such as 2025-01-01T10:00:00Z or a duration ago such as 30s, 5m,"
              + " 2h, got '"
              + text
              + "'");
    }
  }
}
