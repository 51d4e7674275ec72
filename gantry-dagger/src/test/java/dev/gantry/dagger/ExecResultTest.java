package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import dev.gantry.internal.Json;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RegistryAuthException;
import dev.gantry.testkit.StepRequestBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the engine's answers to the run document: results, exec errors, partial data, errors. */
class ExecResultTest {
  private static final List<String> OUTPUTS = List.of("output0", "output1");
  private static final List<String> EXEC_PATH = List.of("container", "from", "withExec");

  private final StepPlan plan =
      StepPlan.of(
          StepRequestBuilder.step("build")
              .argv("make")
              .outputs("/work/out", "/work/log.txt")
              .build(),
          null,
          Path.of("/tmp/exports"));
  private final GraphQLRequest run =
      StepDocuments.run(plan, StepDocuments.Prepared.NONE, "busybox@sha256:" + "0".repeat(64));

  private ExecResult read(String body) {
    return ExecResult.read(GraphQLResponse.parse(body), "run step build", "busybox", OUTPUTS);
  }

  private static Map<String, Object> leaves(int exitCode, String stdout, String stderr) {
    Map<String, Object> leaves = new HashMap<>();
    leaves.put("exitCode", exitCode);
    leaves.put("stdout", stdout);
    leaves.put("stderr", stderr);
    leaves.put("export", "/tmp/exports/o0");
    return leaves;
  }

  @Test
  void successGivesExitCodeZeroAndBothStreams() {
    ExecResult result = read(Responses.data(run, leaves(0, "built\n", "warning\n")));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("built\n");
    assertThat(result.stderr()).isEqualTo("warning\n");
    assertThat(result.failedOutputs()).isEmpty();
  }

  @Test
  void nonZeroExitLetThroughByExpectAnyIsAResult() {
    ExecResult result = read(Responses.data(run, leaves(3, "", "make: *** Error 3\n")));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stderr()).isEqualTo("make: *** Error 3\n");
  }

  @Test
  void execErrorExtensionsGiveTheExitCodeAndOutput() {
    ExecResult result =
        read(
            Responses.errors(
                List.of(
                    Responses.error(
                        "process \"make\" did not complete successfully: exit code: 137",
                        List.of("container", "from", "withExec", "exitCode"),
                        Map.of(
                            "_type", "EXEC_ERROR",
                            "cmd", List.of("make"),
                            "exitCode", 137,
                            "stdout", "half done\n",
                            "stderr", "Killed\n")))));

    assertThat(result.exitCode()).isEqualTo(137);
    assertThat(result.stdout()).isEqualTo("half done\n");
    assertThat(result.stderr()).isEqualTo("Killed\n");
  }

  @Test
  void execErrorWithCombinedOutputOnlyKeepsIt() {
    ExecResult result =
        read(
            Responses.errors(
                List.of(
                    Responses.error(
                        "exit code: 255",
                        EXEC_PATH,
                        Map.of(
                            "_type",
                            "EXEC_ERROR",
                            "exitCode",
                            255,
                            "combinedOutput",
                            "out and err\n")))));

    assertThat(result.exitCode()).isEqualTo(255);
    assertThat(result.stdout()).isEqualTo("out and err\n");
  }

  @Test
  void partialDataKeepsTheResultAndMarksTheOutputThatFailed() {
    ExecResult result =
        read(
            Responses.dataWithErrors(
                run,
                leaves(0, "ok\n", ""),
                List.of(
                    Responses.error(
                        "export: permission denied",
                        List.of("container", "from", "withExec", "output1", "filter", "export"),
                        Map.of()))));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("ok\n");
    assertThat(result.failedOutputs()).containsOnlyKeys("output1");
    assertThat(result.failedOutputs().get("output1")).contains("permission denied");
  }

  @Test
  void partialDataWithoutTheStreamsIsAnErrorWithTheEnginesMessage() {
    Map<String, Object> leaves = leaves(0, null, null);
    assertThatThrownBy(
            () ->
                read(
                    Responses.dataWithErrors(
                        run,
                        leaves,
                        List.of(
                            Responses.error(
                                "stdout: buffer lost",
                                List.of("container", "from", "withExec", "stdout"),
                                Map.of())))))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("run step build")
        .hasMessageContaining("stdout: buffer lost");
  }

  @Test
  void missingImageIsImageNotFoundWithTheEnginesMessage() {
    assertThatThrownBy(
            () ->
                read(
                    Responses.errors(
                        List.of(
                            Responses.error(
                                "failed to resolve source metadata for docker.io/library/busybox:"
                                    + "latest: docker.io/library/busybox:latest: not found",
                                List.of("container", "from"),
                                null)))))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("busybox")
        .hasMessageContaining("failed to resolve source metadata")
        .satisfies(e -> assertThat(((GantryException) e).isRetryable()).isFalse());
  }

  @Test
  void aNotFoundErrorDeeperInTheChainIsNotAboutTheImage() {
    assertThatThrownBy(
            () ->
                read(
                    Responses.errors(
                        List.of(
                            Responses.error(
                                "lstat /work/out: file not found",
                                List.of("container", "from", "withExec", "output0"),
                                null)))))
        .isInstanceOf(GantryException.class)
        .isNotInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("file not found");
  }

  @Test
  void refusedPullIsRegistryAuthException() {
    assertThatThrownBy(
            () ->
                read(
                    Responses.errors(
                        List.of(
                            Responses.error(
                                "pull access denied, repository does not exist or may require"
                                    + " authorization: unauthorized",
                                List.of("container", "withRegistryAuth", "from"),
                                null)))))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("busybox")
        .hasMessageContaining("unauthorized");
  }

  @Test
  void anErrorOfTheDocumentItselfIsPermanent() {
    assertThatThrownBy(
            () ->
                read(
                    Responses.errors(
                        List.of(
                            Responses.error(
                                "Cannot query field \"withExecc\" on type \"Container\".",
                                null,
                                Map.of())))))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("Cannot query field")
        .satisfies(e -> assertThat(((GantryException) e).isRetryable()).isFalse());
  }

  @Test
  void anExecutionErrorOfTheEngineIsRetryable() {
    assertThatThrownBy(
            () ->
                read(
                    Responses.errors(
                        List.of(
                            Responses.error(
                                "buildkit: connection reset by peer", EXEC_PATH, Map.of())))))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("connection reset by peer")
        .hasMessageContaining("container.from.withExec")
        .satisfies(e -> assertThat(((GantryException) e).isRetryable()).isTrue());
  }

  @Test
  void aBodyThatIsNotAGraphQLResponseIsNamed() {
    assertThatThrownBy(() -> GraphQLResponse.parse("<html>bad gateway</html>"))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("not JSON")
        .hasMessageContaining("bad gateway");
    assertThatThrownBy(() -> GraphQLResponse.parse("{\"hello\": 1}"))
        .isInstanceOf(GantryException.class)
        .hasMessageContaining("without 'data' or 'errors'");
  }

  @Test
  void theResponseShapeFollowsTheDocument() {
    Map<String, Object> data = Responses.shape(run, leaves(0, "", "")::get);

    JsonNode exec = ExecResult.findExec(Json.JSON.valueToTree(data));

    assertThat(exec).isNotNull();
    assertThat(exec.has("output0")).isTrue();
    assertThat(exec.has("output1")).isTrue();
  }
}
