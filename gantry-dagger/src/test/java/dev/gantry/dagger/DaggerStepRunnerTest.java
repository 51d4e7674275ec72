package dev.gantry.dagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.internal.Json;
import dev.gantry.runtime.Archives;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.TarWriter;
import dev.gantry.testkit.StepRequestBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's orchestration against {@link EngineFixture}: prepare → resolve → run, inputs
 * extracted to the host directory the engine reads, exports packaged as artifacts, timeouts and
 * cancellation, redaction, errors. The live contract is {@link DaggerStepRunnerIT}.
 */
class DaggerStepRunnerTest {
  private static final String REF = "docker.io/library/busybox:latest@sha256:" + "1".repeat(64);

  @TempDir Path temp;
  private final EngineFixture engine;
  private final DaggerStepRunner runner;
  private final List<Path> outcomes = new ArrayList<>();

  DaggerStepRunnerTest() throws IOException {
    engine = new EngineFixture();
    DaggerEndpoint endpoint = engine.endpoint();
    runner =
        new DaggerStepRunner(
            new DaggerSession() {
              @Override
              public DaggerEndpoint endpoint() {
                return endpoint;
              }

              @Override
              public String describe() {
                return "fixture";
              }

              @Override
              public void close() {}
            },
            64 * 1024,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    runner.close();
    engine.close();
    for (Path p : outcomes) {
      Files.deleteIfExists(p);
    }
  }

  private StepOutcome run(StepRequestBuilder step) {
    StepOutcome outcome = runner.run(step.build());
    outcomes.addAll(outcome.outputArchives().values());
    return outcome;
  }

  /** Answers prepare with ids, resolve with {@link #REF}, and run with {@code onRun}. */
  private void engineAnswers(Function<EngineFixture.Received, String> onRun) {
    engine.answer(
        r ->
            switch (r.operationName()) {
              case StepDocuments.PREPARE -> prepared(r);
              case StepDocuments.RESOLVE ->
                  "{\"data\":{\"container\":{\"from\":{\"imageRef\":\"" + REF + "\"}}}}";
              case StepDocuments.RUN -> onRun.apply(r);
              default -> "{\"errors\":[{\"message\":\"unexpected " + r.operationName() + "\"}]}";
            });
  }

  private static String prepared(EngineFixture.Received r) {
    Map<String, Object> data = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      if (r.query().contains(StepDocuments.secretAlias(i) + ":")) {
        data.put(StepDocuments.secretAlias(i), Map.of("id", "secret-id-" + i));
      }
    }
    if (r.query().contains(StepDocuments.INPUT + ":")) {
      data.put(StepDocuments.INPUT, Map.of("directory", Map.of("id", "dir-id")));
    }
    return Json.write(Map.of("data", data));
  }

  private static String exec(int exitCode, String stdout, String stderr) {
    return Json.write(
        Map.of(
            "data",
            Map.of(
                "container",
                Map.of(
                    "from",
                    Map.of(
                        "withExec",
                        Map.of("exitCode", exitCode, "stdout", stdout, "stderr", stderr))))));
  }

  private static List<String> stringValues(JsonNode variables) {
    List<String> values = new ArrayList<>();
    for (Iterator<JsonNode> it = variables.elements(); it.hasNext(); ) {
      JsonNode v = it.next();
      if (v.isTextual()) {
        values.add(v.asText());
      }
    }
    return values;
  }

  @Test
  void aStepRunsAsPrepareResolveAndRunWithSecretsAsDaggerSecrets() {
    engineAnswers(r -> exec(0, "token=s3cr3t-value\n", ""));

    StepOutcome outcome =
        run(
            StepRequestBuilder.step("hello")
                .argv("sh", "-c", "echo token=$TOKEN")
                .env("GREETING", "hi")
                .env("TOKEN", "s3cr3t-value")
                .redactions("s3cr3t-value"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("token=***\n");
    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.containerId()).startsWith("dagger:hello:");
    assertThat(engine.received())
        .extracting(EngineFixture.Received::operationName)
        .containsExactly(StepDocuments.PREPARE, StepDocuments.RESOLVE, StepDocuments.RUN);
    EngineFixture.Received prepare = engine.received().get(0);
    EngineFixture.Received runDoc = engine.received().get(2);
    assertThat(stringValues(prepare.variables())).contains("s3cr3t-value");
    assertThat(stringValues(runDoc.variables()))
        .doesNotContain("s3cr3t-value")
        .contains("hi", "secret-id-0", REF);
    assertThat(runDoc.query()).contains("withSecretVariable").doesNotContain("s3cr3t");
  }

  @Test
  void inputsAreExtractedForTheEngineAndOutputsComeBackAsNormalisedArtifacts() throws Exception {
    Path input = temp.resolve("in.tar");
    try (OutputStream out = Files.newOutputStream(input);
        TarWriter tar = new TarWriter(out)) {
      tar.directory("work/in", 0755);
      tar.file("work/in/data.txt", 0644, "from before\n".getBytes(StandardCharsets.UTF_8));
      tar.finish();
    }
    AtomicReference<String> seenInput = new AtomicReference<>();
    engine.answer(
        r ->
            switch (r.operationName()) {
              case StepDocuments.PREPARE -> {
                Path dir = Path.of(r.variables().path("path0").asText());
                seenInput.set(read(dir.resolve("work/in/data.txt")));
                yield prepared(r);
              }
              case StepDocuments.RESOLVE ->
                  "{\"data\":{\"container\":{\"from\":{\"imageRef\":\"" + REF + "\"}}}}";
              default -> {
                // the engine exports "/" filtered to each output into the path it is given
                for (String value : stringValues(r.variables())) {
                  if (value.endsWith("/outputs/o0")) {
                    write(Path.of(value, "work/out/result.txt"), "42\n");
                  }
                  if (value.endsWith("/outputs/o1")) {
                    write(Path.of(value, "work/report.txt"), "top\n");
                  }
                }
                yield exec(0, "", "");
              }
            });

    StepOutcome outcome =
        run(
            StepRequestBuilder.step("produce")
                .shell("cat /work/in/data.txt; ...")
                .inputs(input)
                .outputs("/work/out", "/work/report.txt", "/work/never"));

    assertThat(seenInput.get()).isEqualTo("from before\n");
    assertThat(outcome.missingOutputs()).containsExactly("/work/never");
    assertThat(outcome.succeeded()).isFalse();
    Path dir = outcome.outputArchives().get("/work/out");
    assertThat(Archives.list(dir))
        .extracting(Archives.Entry::name)
        .containsExactly("work/out/", "work/out/result.txt");
    assertThat(Archives.readFile(dir, "/work/out/result.txt", 100))
        .hasValue("42\n".getBytes(StandardCharsets.UTF_8));
    assertThat(Archives.list(outcome.outputArchives().get("/work/report.txt")))
        .extracting(Archives.Entry::name)
        .containsExactly("work/report.txt");
  }

  @Test
  void theTimeoutCancelsTheRequestAndTheStepTimesOut() {
    CountDownLatch release = new CountDownLatch(1);
    engineAnswers(
        r -> {
          hold(release);
          return exec(0, "", "");
        });
    try {
      long start = System.nanoTime();
      StepOutcome outcome =
          run(StepRequestBuilder.step("slow").argv("sleep", "30").timeout(Duration.ofSeconds(1)));

      assertThat(outcome.timedOut()).isTrue();
      assertThat(outcome.exitCode()).isEqualTo(137);
      assertThat(outcome.describe()).isEqualTo("timed out and was killed");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    } finally {
      release.countDown();
    }
  }

  @Test
  void interruptingTheThreadCancelsTheStep() {
    CountDownLatch release = new CountDownLatch(1);
    engineAnswers(
        r -> {
          hold(release);
          return exec(0, "", "");
        });
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.set(
                    runner.run(StepRequestBuilder.step("cancel").argv("sleep", "30").build()));
              } catch (Throwable e) {
                result.set(e);
              }
              interrupted.set(Thread.currentThread().isInterrupted());
            });
    try {
      thread.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !runner.running().isEmpty());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  engine.received().stream()
                      .anyMatch(r -> StepDocuments.RUN.equals(r.operationName())));
      thread.interrupt();
      await().atMost(Duration.ofSeconds(20)).until(() -> interrupted.get() != null);

      assertThat(result.get()).isInstanceOf(StepCancelledException.class);
      assertThat(interrupted.get()).isTrue();
      assertThat(runner.running()).isEmpty();
    } finally {
      release.countDown();
    }
  }

  @Test
  void aMissingImageIsImageNotFound() {
    engine.answer(
        r ->
            "{\"data\":null,\"errors\":[{\"message\":\"failed to resolve source metadata for"
                + " nope.invalid/x:1: not found\",\"path\":[\"container\",\"from\"]}]}");

    assertThatThrownBy(
            () -> run(StepRequestBuilder.step("x").image("nope.invalid/x:1").argv("true")))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("nope.invalid/x:1");
    assertThatThrownBy(() -> runner.resolveImage("nope.invalid/x:1", null, null))
        .isInstanceOf(ImageNotFoundException.class);
  }

  @Test
  void resolveImageGivesTheEnginesPinnedReference() {
    engineAnswers(r -> exec(0, "", ""));

    assertThat(runner.resolveImage("busybox:latest", null, null)).isEqualTo(REF);
  }

  @Test
  void registryCredentialsTravelAsADaggerSecret() {
    engine.answer(
        r ->
            switch (r.operationName()) {
              case StepDocuments.PREPARE ->
                  "{\"data\":{\"registry\":{\"id\":\"registry-secret-id\"}}}";
              default ->
                  "{\"data\":{\"container\":{\"withRegistryAuth\":{\"from\":"
                      + "{\"imageRef\":\""
                      + REF
                      + "\"}}}}}";
            });

    String ref =
        runner.resolveImage(
            "registry.example/team/app:1",
            "registry.example",
            new RegistryCredentials("alice", "pa55word"));

    assertThat(ref).isEqualTo(REF);
    assertThat(engine.received())
        .extracting(EngineFixture.Received::operationName)
        .containsExactly(StepDocuments.PREPARE, StepDocuments.RESOLVE);
    assertThat(stringValues(engine.received().get(0).variables())).contains("pa55word");
    EngineFixture.Received resolve = engine.received().get(1);
    assertThat(resolve.query()).contains("withRegistryAuth");
    assertThat(stringValues(resolve.variables()))
        .contains("alice", "registry-secret-id")
        .doesNotContain("pa55word");
  }

  @Test
  void anExitTheEngineReportsAsAnExecErrorIsTheStepsExitCode() {
    engineAnswers(
        r ->
            "{\"data\":null,\"errors\":[{\"message\":\"exit code: 137\","
                + "\"path\":[\"container\",\"from\",\"withExec\"],"
                + "\"extensions\":{\"_type\":\"EXEC_ERROR\",\"exitCode\":137,"
                + "\"stdout\":\"\",\"stderr\":\"Killed\\n\"}}]}");

    StepOutcome outcome = run(StepRequestBuilder.step("oom").argv("eat-memory"));

    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.stderr()).isEqualTo("Killed\n");
    assertThat(outcome.timedOut()).isFalse();
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
