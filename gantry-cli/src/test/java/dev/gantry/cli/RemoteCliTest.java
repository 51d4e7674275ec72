package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.cli.RemoteServer.Result;
import dev.gantry.task.PhaseId;
import dev.gantry.task.ProjectId;
import dev.gantry.task.TaskId;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code gantry --server URL ...} against a real in-process server (memory store, no Docker): the
 * token's sources and refusals, error mapping, and that the remote output equals what the local
 * command prints for the same records.
 */
class RemoteCliTest {
  @TempDir static Path dir;
  static RemoteServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new RemoteServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void thereIsNoTokenOptionAndATokenInArgvIsRefusedWithoutEchoingIt() {
    Deque<CommandLine> todo = new ArrayDeque<>();
    todo.add(GantryCommand.commandLine(Map.of()));
    while (!todo.isEmpty()) {
      CommandLine cl = todo.pop();
      for (OptionSpec o : cl.getCommandSpec().options()) {
        assertThat(o.names()).as("options of %s", cl.getCommandName()).doesNotContain("--token");
      }
      todo.addAll(cl.getSubcommands().values());
    }
    for (String[] args :
        new String[][] {
          {"--server", server.url, "--token", "s3cret-value", "project", "list"},
          {"--server", server.url, "project", "list", "--token=s3cret-value"}
        }) {
      Result r = RemoteServer.run(Map.of(), args);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("there is no --token option")
          .contains("GANTRY_TOKEN")
          .contains("--token-file")
          .doesNotContain("s3cret-value");
      assertThat(r.out()).doesNotContain("s3cret-value");
    }
  }

  @Test
  void projectsPhasesAndTasksPrintWhatTheLocalCommandsPrint() throws Exception {
    Result created =
        server.cli(
            RemoteServer.WRITE,
            "-o",
            "json",
            "project",
            "create",
            "Remote one",
            "--description",
            "via the API");
    assertThat(created.code()).as(created.err()).isZero();
    String projectId =
        server.gantry.tasks().listProjects().stream()
            .filter(p -> p.name().equals("Remote one"))
            .findFirst()
            .orElseThrow()
            .id()
            .value();

    Result phase =
        server.cli(
            RemoteServer.WRITE, "-o", "json", "phase", "create", "--project", projectId, "build");
    assertThat(phase.code()).as(phase.err()).isZero();
    String phaseId = server.gantry.tasks().listPhases(ProjectId.of(projectId)).get(0).id().value();
    assertThat(phase.out())
        .isEqualTo(
            RemoteServer.json(
                java.util.List.of(server.gantry.tasks().getPhase(PhaseId.of(phaseId)))));

    Result task =
        server.cli(
            RemoteServer.WRITE,
            "-o",
            "json",
            "task",
            "create",
            "--project",
            projectId,
            "--phase",
            phaseId,
            "compile",
            "--priority",
            "high",
            "--meta",
            "k=v");
    assertThat(task.code()).as(task.err()).isZero();
    String taskId =
        server
            .gantry
            .tasks()
            .listTasks(dev.gantry.task.TaskFilter.project(ProjectId.of(projectId)))
            .get(0)
            .id()
            .value();
    assertThat(task.out())
        .isEqualTo(RemoteServer.json(server.gantry.tasks().getTask(TaskId.of(taskId))));

    Result updated =
        server.cli(
            RemoteServer.WRITE,
            "-o",
            "json",
            "task",
            "update",
            taskId,
            "--progress",
            "40",
            "--meta",
            "x=y",
            "--assignee",
            "ann");
    assertThat(updated.code()).as(updated.err()).isZero();
    var after = server.gantry.tasks().getTask(TaskId.of(taskId));
    assertThat(after.progress()).isEqualTo(40);
    assertThat(after.metadata()).containsEntry("k", "v").containsEntry("x", "y");
    assertThat(after.assigneeId()).isEqualTo("ann");
    assertThat(updated.out()).isEqualTo(RemoteServer.json(after));

    // read scope is enough for reading; show prints project, progress and phases as locally
    Result shown = server.cli(RemoteServer.READ, "-o", "json", "project", "show", projectId);
    assertThat(shown.code()).as(shown.err()).isZero();
    ProjectId pid = ProjectId.of(projectId);
    assertThat(shown.out())
        .isEqualTo(
            RemoteServer.json(
                Map.of(
                    "project", server.gantry.tasks().getProject(pid),
                    "progress", server.gantry.tasks().projectProgress(pid),
                    "phases", server.gantry.tasks().listPhases(pid))));

    Result listed =
        server.cli(RemoteServer.READ, "-o", "json", "task", "list", "--project", projectId);
    assertThat(listed.out())
        .isEqualTo(
            RemoteServer.json(
                server.gantry.tasks().listTasks(dev.gantry.task.TaskFilter.project(pid))));
    Result table =
        server.cli(
            RemoteServer.READ, "task", "list", "--project", projectId, "--status", "pending");
    assertThat(table.out()).contains("compile").contains("high").contains("40%");

    Result text = server.cli(RemoteServer.READ, "project", "show", projectId);
    assertThat(text.out())
        .contains("project " + projectId + "  Remote one")
        .contains("via the API")
        .contains("build");

    // pipelines: a local file's text, and a template with typed parameters
    Path definition =
        Files.writeString(
            dir.resolve("pipeline.yaml"),
            "steps:\n  - name: one\n    image: busybox:latest\n    command: [echo, one]\n");
    Result custom =
        server.cli(RemoteServer.WRITE, "task", "pipeline", taskId, definition.toString());
    assertThat(custom.out())
        .matches("pipeline \\S+ \\(1 steps\\) stored for task " + taskId + "\\R");
    Result converted =
        server.cli(
            RemoteServer.WRITE,
            "-o",
            "json",
            "task",
            "convert",
            taskId,
            "--template",
            "shell",
            "--param",
            "command=echo hi");
    assertThat(converted.code()).as(converted.err()).isZero();
    var info =
        dev.gantry.internal.Json.JSON.readValue(converted.out(), dev.gantry.api.PipelineInfo.class);
    var stored =
        server
            .gantry
            .store()
            .findPipeline(dev.gantry.pipeline.PipelineId.of(info.pipelineId()))
            .orElseThrow();
    assertThat(converted.out())
        .isEqualTo(
            RemoteServer.json(
                new dev.gantry.api.PipelineInfo(
                    stored.id().value(),
                    taskId,
                    stored.spec(),
                    stored.source(),
                    stored.parameters())))
        .contains("echo hi");
    Result badParam =
        server.cli(RemoteServer.WRITE, "task", "convert", taskId, "--template", "shell");
    assertThat(badParam.code()).isEqualTo(2);
    assertThat(badParam.err()).contains("command");

    Result deleted = server.cli(RemoteServer.WRITE, "task", "delete", taskId);
    assertThat(deleted.out()).isEqualTo("deleted task " + taskId + System.lineSeparator());
    assertThat(server.gantry.tasks().listTasks(dev.gantry.task.TaskFilter.project(pid))).isEmpty();
  }

  @Test
  void errorsAreTheLocalOnes() {
    Result missing = server.cli(RemoteServer.READ, "project", "show", "no-such-project");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("error: project 'no-such-project' not found" + System.lineSeparator());

    Result invalid =
        server.cli(RemoteServer.WRITE, "task", "create", "--project", "no-such-project", "t");
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.err()).contains("project 'no-such-project' not found");

    Result id = server.cli(RemoteServer.WRITE, "project", "create", "x", "--id", "mine");
    assertThat(id.code()).isEqualTo(2);
    assertThat(id.err()).contains("--id: cannot be used with --server");
  }

  @Test
  void aWrongTokenAndAMissingScopeAreNamedWithoutTheToken() {
    Result wrong = server.cli("not-the-token-42", "project", "list");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err())
        .startsWith("error: the server refused the token: ")
        .contains("invalid or expired bearer token")
        .doesNotContain("not-the-token-42");

    Result none = server.cli(null, "project", "list");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("requires a token: set GANTRY_TOKEN or use --token-file");

    Result scope = server.cli(RemoteServer.READ, "project", "create", "nope");
    assertThat(scope.code()).isEqualTo(1);
    assertThat(scope.err())
        .startsWith("error: the server refused the token: ")
        .contains("write")
        .doesNotContain(RemoteServer.READ);

    Result prune = server.cli(RemoteServer.WRITE, "cache", "prune");
    assertThat(prune.err()).contains("the server refused the token").contains("admin");
  }

  @Test
  void theTokenFileWinsOverTheEnvironmentWhichWinsOverTheTokenFileVariable() throws Exception {
    Path good = Files.writeString(dir.resolve("good-token"), RemoteServer.READ + "\n");
    Path bad = Files.writeString(dir.resolve("bad-token"), "wrong-token-000\n");
    Result fileWins =
        RemoteServer.run(
            Map.of("GANTRY_TOKEN", "wrong-token-000"),
            "--server",
            server.url,
            "--token-file",
            good.toString(),
            "project",
            "list");
    assertThat(fileWins.code()).as(fileWins.err()).isZero();

    Result envWins =
        RemoteServer.run(
            Map.of("GANTRY_TOKEN", RemoteServer.READ, "GANTRY_TOKEN_FILE", bad.toString()),
            "--server",
            server.url,
            "project",
            "list");
    assertThat(envWins.code()).as(envWins.err()).isZero();

    Result fileVariable =
        RemoteServer.run(
            Map.of("GANTRY_TOKEN_FILE", good.toString(), "GANTRY_SERVER", server.url),
            "project",
            "list");
    assertThat(fileVariable.code()).as(fileVariable.err()).isZero();
    assertThat(fileVariable.out()).contains("ID").contains("NAME");
  }

  @Test
  void anUnreadableOrEmptyTokenFileIsNamedWithoutItsContent() throws Exception {
    Path absent = dir.resolve("absent-token");
    Result missing =
        RemoteServer.run(
            Map.of(), "--server", server.url, "--token-file", absent.toString(), "project", "list");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "error: --token-file: cannot read the token file "
                + absent
                + ": no such file"
                + System.lineSeparator());

    Path empty = Files.writeString(dir.resolve("empty-token"), "  \n");
    Result blank =
        RemoteServer.run(
            Map.of("GANTRY_TOKEN_FILE", empty.toString()),
            "--server",
            server.url,
            "project",
            "list");
    assertThat(blank.code()).isEqualTo(2);
    assertThat(blank.err()).contains("GANTRY_TOKEN_FILE: the token file " + empty + " is empty");

    Path two = Files.writeString(dir.resolve("two-words"), "secret-one secret-two\n");
    Result words =
        RemoteServer.run(
            Map.of(), "--server", server.url, "--token-file", two.toString(), "project", "list");
    assertThat(words.err()).contains("more than one word").doesNotContain("secret-one");

    Result noServer = RemoteServer.run(Map.of(), "--token-file", two.toString(), "project", "list");
    assertThat(noServer.code()).isEqualTo(2);
    assertThat(noServer.err()).contains("--token-file: is for --server URL");
  }

  @Test
  void anUnreachableServerIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Result r =
        RemoteServer.run(
            Map.of("GANTRY_TOKEN", "some-token-value"), "--server", url, "project", "list");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error: cannot reach the Gantry server at " + url + ": ")
        .doesNotContain("some-token-value");

    Result bad = RemoteServer.run(Map.of(), "--server", "ftp://example", "project", "list");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--server: expected the server's http:// or https:// URL");
  }

  @Test
  void localOnlyCommandsRefuseTheServerByName() throws Exception {
    Path file = Files.writeString(dir.resolve("p.yaml"), "name: x\n");
    String[][] cases = {
      {"demo"},
      {"server", "--port", "0"},
      {"config", "check", file.toString()},
      {"project", "import", file.toString()},
      {"project", "export", "p"},
      {"cache", "clear"},
      {"templates", "validate", dir.toString()},
    };
    for (String[] args : cases) {
      Result r = server.cli(RemoteServer.ADMIN, args);
      String command =
          String.join(" ", args[0], args.length > 1 && !args[1].startsWith("-") ? args[1] : "")
              .strip();
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).contains("'gantry " + command + "'");
    }
    Result store = server.cli(RemoteServer.READ, "--store", "memory", "project", "list");
    assertThat(store.err())
        .contains("--store: names a local store and cannot be used with --server");
  }

  @Test
  void templatesAndCacheComeFromTheServer() throws Exception {
    Result list = server.cli(RemoteServer.READ, "-o", "json", "templates", "list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out())
        .isEqualTo(
            RemoteServer.json(
                server.gantry.listPipelineTemplates(null).stream()
                    .map(TemplateViews::summary)
                    .toList()));
    String id = server.gantry.listPipelineTemplates(null).get(0).id();
    Result show = server.cli(RemoteServer.READ, "-o", "json", "templates", "show", id);
    assertThat(show.out())
        .isEqualTo(RemoteServer.json(TemplateViews.detail(server.gantry.getPipelineTemplate(id))));
    Result categories = server.cli(RemoteServer.READ, "templates", "categories");
    assertThat(categories.out().lines().toList())
        .isEqualTo(server.gantry.getPipelineTemplateCategories());

    Result stats = server.cli(RemoteServer.READ, "cache", "stats");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(stats.out())
        .contains("directory")
        .contains(server.gantry.cacheStats().directory().toString());
    Result prune = server.cli(RemoteServer.ADMIN, "cache", "prune");
    assertThat(prune.out())
        .isEqualTo(
            "pruned 0 expired entries from "
                + server.gantry.cacheStats().directory()
                + System.lineSeparator());
  }
}
