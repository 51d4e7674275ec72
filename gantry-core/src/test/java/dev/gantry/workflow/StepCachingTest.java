package dev.gantry.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.config.WorkflowDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The step cache in the executor, with the scripted runtime and a fake clock. */
class StepCachingTest {
  static final String PIPELINE =
      """
      steps:
        - {name: build, command: [write, /out/a.txt, hello], outputs: [/out/a.txt]}
        - {name: test, command: [cat-inputs], depends_on: [build]}
      """;

  @TempDir Path dataDir;
  private Harness h;

  @BeforeEach
  void open() {
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private long runsOf(String step) {
    return h.runner.requests.stream().filter(r -> r.stepName().equals(step)).count();
  }

  @Test
  void aHitRestoresOutputsExitCodeAndLogsWithoutRunning() {
    String task = h.task(PIPELINE);
    Execution first = h.run(task, false);
    Execution second = h.run(task, false);

    assertThat(h.runner.requests).hasSize(2);
    assertThat(second.state()).isEqualTo(WorkflowState.COMPLETED);
    StepRun build = second.step("build");
    StepRun test = second.step("test");
    assertThat(build.state()).isEqualTo(StepState.CACHED);
    assertThat(test.state()).isEqualTo(StepState.CACHED);
    assertThat(build.outputs()).isEqualTo(first.step("build").outputs()).hasSize(1);
    assertThat(test.lastAttempt().stdout()).isEqualTo("hello");
    assertThat(test.exitCode()).isZero();
    assertThat(test.lastAttempt().containerId()).isNull();
    assertThat(h.gantry.getResult(second.id().value()).result())
        .extractingByKey("result")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("output", "hello");
    List<Transition> history = h.gantry.statusManager().history(second.id());
    assertThat(history)
        .filteredOn(t -> t.subject().equals("step:build"))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.from()).isEqualTo("pending");
              assertThat(t.to()).isEqualTo("cached");
              assertThat(t.details()).containsEntry("cached_from_execution", first.id().value());
            });
  }

  @Test
  void theTtlOfTheStepOrOfTheConfigBoundsAHit() {
    String task =
        h.task(
            """
            steps:
              - {name: short, command: [ok, s], cache: {ttl_seconds: 60}}
              - {name: long, command: [ok, l]}
            """);
    h.run(task, false);
    h.clock.advance(Duration.ofSeconds(59));
    Execution within = h.run(task, false);
    h.clock.advance(Duration.ofSeconds(2));
    Execution after = h.run(task, false);
    h.clock.advance(Duration.ofSeconds(3600 - 61));
    Execution expired = h.run(task, false);

    assertThat(within.step("short").state()).isEqualTo(StepState.CACHED);
    assertThat(after.step("short").state()).isEqualTo(StepState.COMPLETED);
    assertThat(after.step("long").state()).isEqualTo(StepState.CACHED);
    assertThat(expired.step("long").state()).isEqualTo(StepState.COMPLETED);
    assertThat(runsOf("short")).isEqualTo(3);
    assertThat(runsOf("long")).isEqualTo(2);
  }

  static final String BASE_STEP =
      "{name: s, image: 'img:1', command: [write, /o/x, v], env: {A: '1'},"
          + " workdir: /w, user: '1000', outputs: [/o/x], depends_on: [dep]";

  static Stream<Arguments> changes() {
    String base = BASE_STEP;
    return Stream.of(
        Arguments.of("image", base.replace("img:1", "img:2"), "D1"),
        Arguments.of("argv", base.replace("/o/x, v]", "/o/x, v2]"), "D1"),
        Arguments.of("env value", base.replace("A: '1'", "A: '2'"), "D1"),
        Arguments.of("env added", base.replace("A: '1'", "A: '1', B: '1'"), "D1"),
        Arguments.of("workdir", base.replace("/w,", "/w2,"), "D1"),
        Arguments.of("user", base.replace("'1000'", "'1001'"), "D1"),
        Arguments.of("outputs", base.replace("outputs: [/o/x]", "outputs: [/o/x, /o/y]"), "D1"),
        Arguments.of("input artifact", base, "D2"),
        Arguments.of("step salt", base + ", cache: {salt: two}", "D1"));
  }

  private static String pipeline(String step, String depContent) {
    return "steps:\n"
        + "  - {name: dep, command: [write, /in/d, "
        + depContent
        + "], outputs: [/in/d]}\n"
        + "  - "
        + step
        + "}\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeOfAnyKeyInputRunsTheStepAgain(String what, String changed, String depContent) {
    h.run(pipeline(BASE_STEP, "D1"));
    Execution again = h.run(pipeline(BASE_STEP, "D1"));
    assertThat(again.step("s").state()).isEqualTo(StepState.CACHED);

    h.run(pipeline(changed, depContent));

    assertThat(runsOf("s")).as(what).isEqualTo(2);
  }

  @Test
  void whatIsNotInTheKeyDoesNotInvalidate() {
    h.run("{steps: [{name: s, command: [ok, x], timeout_seconds: 5}]}");
    Execution again =
        h.run(
            "{steps: [{name: s, description: other, command: [ok, x], timeout_seconds: 9,"
                + " resources: {memory: 64m}, retry: {max_retries: 0}}]}");
    assertThat(again.step("s").state()).isEqualTo(StepState.CACHED);
  }

  @Test
  void aNewImageUnderTheSameTagRunsTheStepAgain() {
    String task = h.task("{steps: [{name: s, image: 'app:latest', command: [ok]}]}");
    h.runner.imageIds.put("app:latest", "sha256:1111");
    h.run(task, false);
    h.runner.imageIds.put("app:latest", "sha256:2222");
    Execution rebuilt = h.run(task, false);
    Execution again = h.run(task, false);

    assertThat(rebuilt.step("s").state()).isEqualTo(StepState.COMPLETED);
    assertThat(again.step("s").state()).isEqualTo(StepState.CACHED);
  }

  @Test
  void secretValuesKeyTheCacheOnlyAsHmacAndEntriesSurviveARestart() throws IOException {
    h.close();
    String pipeline = "{steps: [{name: s, command: [ok, hi], secrets: [TOKEN]}]}";
    Map<String, String> secrets = Map.of("TOKEN", "env:TOKEN");
    h = new Harness(dataDir, WorkflowDefaults.DEFAULT, secrets, Map.of("TOKEN", "s3cr3t-one"));
    assertThat(h.run(pipeline).step("s").state()).isEqualTo(StepState.COMPLETED);
    h.close();

    h = new Harness(dataDir, WorkflowDefaults.DEFAULT, secrets, Map.of("TOKEN", "s3cr3t-one"));
    assertThat(h.run(pipeline).step("s").state()).isEqualTo(StepState.CACHED);
    h.close();

    h = new Harness(dataDir, WorkflowDefaults.DEFAULT, secrets, Map.of("TOKEN", "s3cr3t-two"));
    assertThat(h.run(pipeline).step("s").state()).isEqualTo(StepState.COMPLETED);

    List<String> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dataDir.resolve("step-cache"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        entries.add(Files.readString(f));
      }
    }
    assertThat(entries).hasSize(2).noneMatch(e -> e.contains("s3cr3t"));
  }

  @Test
  void theConfiguredSaltInvalidatesEveryStep() {
    h.run("{steps: [{name: s, command: [ok]}]}");
    h.close();
    WorkflowDefaults d = WorkflowDefaults.DEFAULT;
    h =
        new Harness(
            dataDir,
            new WorkflowDefaults(
                d.timeoutSeconds(),
                d.maxRetries(),
                d.retryBackoffFactor(),
                d.retryJitter(),
                true,
                d.cacheDirectory(),
                d.cacheTtlSeconds(),
                d.retryMaxDelaySeconds(),
                "2025-02"));
    assertThat(h.run("{steps: [{name: s, command: [ok]}]}").step("s").state())
        .isEqualTo(StepState.COMPLETED);
  }

  @Test
  void neverCachedStepsDisabledCachingAndSkipCacheAlwaysRun() {
    String never = h.task("{steps: [{name: s, command: [count, never], cache: never}]}");
    h.run(never, false);
    h.run(never, false);
    assertThat(h.runner.count("never")).isEqualTo(2);

    String skipped = h.task("{steps: [{name: s, command: [count, skip]}]}");
    h.run(skipped, true);
    h.run(skipped, false); // the skip_cache run wrote no entry
    h.run(skipped, true); // and does not read one
    Execution hit = h.run(skipped, false);
    assertThat(h.runner.count("skip")).isEqualTo(3);
    assertThat(hit.step("s").state()).isEqualTo(StepState.CACHED);

    h.close();
    h = new Harness(dataDir, new WorkflowDefaults(600, 0, 0.5, false, false, ".cache", 3600));
    String off = h.task("{steps: [{name: s, command: [count, disabled]}]}");
    h.run(off, false);
    h.run(off, false);
    assertThat(h.runner.count("disabled")).isEqualTo(2);
    assertThat(h.runner.resolved).hasValue(0);
  }

  @Test
  void failuresAreNotCached() {
    String task =
        h.task(
            "{steps: [{name: s, command: [fail, '3']}, {name: t, command: [ok], depends_on: [s]}]}");
    h.run(task, false);
    Execution again = h.run(task, false);
    assertThat(again.step("s").state()).isEqualTo(StepState.FAILED);
    assertThat(runsOf("s")).isEqualTo(2);
  }

  @Test
  void aMissingArtifactMakesAMiss() throws IOException {
    String task = h.task(PIPELINE);
    h.run(task, false);
    try (Stream<Path> files = Files.walk(dataDir.resolve("artifacts"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.delete(f);
      }
    }
    Execution again = h.run(task, false);
    assertThat(again.step("build").state()).isEqualTo(StepState.COMPLETED);
    assertThat(again.step("test").state()).isEqualTo(StepState.CACHED);
    assertThat(runsOf("build")).isEqualTo(2);
  }

  @Test
  void anUnresolvableImageFailsTheStepBeforeAnyContainer() {
    Execution e = h.run("{steps: [{name: s, image: 'missing:1', command: [ok]}]}");
    assertThat(e.step("s").state()).isEqualTo(StepState.FAILED);
    assertThat(e.step("s").error()).contains("image 'missing:1' not found");
    assertThat(e.step("s").attempts()).hasSize(1);
    assertThat(h.runner.requests).isEmpty();
    assertThat(h.gantry.statusManager().history(e.id()))
        .filteredOn(t -> t.subject().equals("step:s"))
        .extracting(t -> t.from() + "->" + t.to())
        .containsExactly("pending->running", "running->failed");
  }

  @Test
  void tenConcurrentIdenticalStepsRunOnce() throws Exception {
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(h.task("{steps: [{name: s, command: [gate]}]}"));
    }
    List<ExecutionHandle> handles = new ArrayList<>();
    for (String task : tasks) {
      handles.add(h.gantry.executeTaskWorkflowAsync(task, null, Map.of(), false));
    }
    // Every step resolved its key while the first one still runs: the others wait for it.
    await().until(() -> h.runner.resolved.get() == 10 && h.runner.running.get() == 1);
    h.runner.release.countDown();
    List<StepState> states = new ArrayList<>();
    for (ExecutionHandle handle : handles) {
      Execution done = handle.await(Duration.ofSeconds(30));
      assertThat(done.state()).isEqualTo(WorkflowState.COMPLETED);
      states.add(done.step("s").state());
    }

    assertThat(h.runner.requests).hasSize(1);
    assertThat(states).filteredOn(s -> s == StepState.COMPLETED).hasSize(1);
    assertThat(states).filteredOn(s -> s == StepState.CACHED).hasSize(9);
  }
}
