package dev.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.runtime.Archives;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepCancelledException;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import dev.gantry.runtime.StepRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link StepRunner} must do, run against a real engine. A runtime's test subclasses it
 * in a few lines: the runner, an image with busybox applets ({@code sh}, {@code echo}, {@code cat},
 * {@code sleep}, {@code yes}, {@code head}, {@code id}, {@code pwd}), and a way to list the
 * runtime's containers by label. Every container is labelled with an owner unique to the test class
 * ({@link #owner}), and no container with it may be left after a test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StepRunnerContract {
  /** The {@code gantry.owner} label value of this test class's containers. */
  protected final String owner = "contract-" + UUID.randomUUID();

  private final List<Path> tempFiles = new ArrayList<>();

  /** The runner under test, shared by the tests of a class (it is closed by the subclass). */
  protected abstract StepRunner runner();

  /** An image with busybox applets, present on the engine. */
  protected abstract String image();

  /**
   * Ids of the runtime's containers carrying all of {@code labels}; only running ones when {@code
   * runningOnly}.
   */
  protected abstract List<String> containers(Map<String, String> labels, boolean runningOnly);

  /** The log bound {@link #runner()} was built with (bytes of each of stdout and stderr). */
  protected int maxLogBytes() {
    return 64 * 1024;
  }

  /** Labels of a step of this class: owner, workflow, execution, step, attempt. */
  protected Map<String, String> labels(String step) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, owner);
    labels.put(Labels.WORKFLOW, "wf-contract");
    labels.put(Labels.EXECUTION, "ex-" + UUID.randomUUID());
    labels.put(Labels.STEP, step);
    labels.put(Labels.ATTEMPT, "1");
    return labels;
  }

  /** A request builder for a step of this class, with its labels and {@link #image()}. */
  protected StepRequestBuilder step(String name) {
    return StepRequestBuilder.step(name).labels(labels(name)).image(image());
  }

  private StepOutcome run(StepRequestBuilder request) {
    StepOutcome outcome = runner().run(request.build());
    tempFiles.addAll(outcome.outputArchives().values());
    return outcome;
  }

  @AfterEach
  void noContainerIsLeftAndTempFilesGo() throws IOException {
    for (Path file : tempFiles) {
      Files.deleteIfExists(file);
    }
    tempFiles.clear();
    assertThat(containers(Map.of(Labels.OWNER, owner), false))
        .as("containers left behind with %s=%s", Labels.OWNER, owner)
        .isEmpty();
  }

  @Test
  void successCapturesStdout() {
    StepOutcome outcome = run(step("hello").argv("echo", "hello world"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("hello world\n");
    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.oomKilled()).isFalse();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.containerId()).isNotBlank();
    assertThat(outcome.finishedAt()).isAfterOrEqualTo(outcome.startedAt());
  }

  @Test
  void nonZeroExitCodeIsReported() {
    StepOutcome outcome = run(step("fails").shell("exit 3"));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.describe()).isEqualTo("exited with code 3");
  }

  @Test
  void stderrIsCapturedApartFromStdout() {
    StepOutcome outcome = run(step("stderr").shell("echo out; echo oops >&2"));

    assertThat(outcome.stdout()).isEqualTo("out\n");
    assertThat(outcome.stderr()).isEqualTo("oops\n");
  }

  @Test
  void envWorkdirAndUserAreHonoured() {
    StepOutcome outcome =
        run(
            step("env")
                .shell("echo \"$GREETING $(pwd) $(id -u)\"")
                .env("GREETING", "hi there")
                .workdir("/tmp")
                .user("65534"));

    assertThat(outcome.stdout()).isEqualTo("hi there /tmp 65534\n");
  }

  @Test
  void argvIsPassedLiterallyNotThroughAShell() {
    StepOutcome outcome =
        run(step("argv").argv("echo", "two  spaces", "$(id -u)", "a;b", "'q'", "*"));

    assertThat(outcome.stdout()).isEqualTo("two  spaces $(id -u) a;b 'q' *\n");
  }

  @Test
  void shellStringRunsThroughShC() {
    StepOutcome outcome = run(step("shell").shell("for i in 1 2 3; do echo n$i; done | head -n 2"));

    assertThat(outcome.stdout()).isEqualTo("n1\nn2\n");
  }

  @Test
  void timeoutKillsTheContainer() {
    long start = System.nanoTime();
    StepOutcome outcome = run(step("slow").argv("sleep", "30").timeout(Duration.ofSeconds(2)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.describe()).isEqualTo("timed out and was killed");
    assertThat(took).isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void outputsArePassedToTheNextStepAtTheSamePaths() throws IOException {
    StepOutcome producer =
        run(
            step("produce")
                .shell(
                    "mkdir -p /work/out && echo 42 > /work/out/result.txt"
                        + " && echo top > /work/report.txt")
                .outputs("/work/out", "/work/report.txt"));

    assertThat(producer.succeeded()).isTrue();
    assertThat(producer.missingOutputs()).isEmpty();
    Path dir = producer.outputArchives().get("/work/out");
    Path file = producer.outputArchives().get("/work/report.txt");
    assertThat(Archives.list(dir))
        .extracting(Archives.Entry::name)
        .containsExactly("work/out/", "work/out/result.txt");
    assertThat(Archives.list(file))
        .extracting(Archives.Entry::name)
        .containsExactly("work/report.txt");
    assertThat(Archives.readFile(dir, "/work/out/result.txt", 100))
        .hasValue("42\n".getBytes(StandardCharsets.UTF_8));

    StepOutcome consumer =
        run(step("consume").shell("cat /work/out/result.txt /work/report.txt").inputs(dir, file));

    assertThat(consumer.exitCode()).isZero();
    assertThat(consumer.stdout()).isEqualTo("42\ntop\n");
  }

  @Test
  void sameOutputContentHasTheSameDigest() throws IOException {
    StepRequestBuilder request =
        step("digest")
            .shell("mkdir -p /work/out && echo same > /work/out/a.txt")
            .outputs("/work/out");
    Path one = run(request).outputArchives().get("/work/out");
    Path two = run(request).outputArchives().get("/work/out");

    assertThat(Archives.digest(one)).isEqualTo(Archives.digest(two));
  }

  @Test
  void missingDeclaredOutputIsReported() {
    StepOutcome outcome = run(step("missing").argv("true").outputs("/work/never"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.missingOutputs()).containsExactly("/work/never");
    assertThat(outcome.outputArchives()).isEmpty();
    assertThat(outcome.succeeded()).isFalse();
  }

  @Test
  void logsKeepOnlyTheTail() {
    int lines = maxLogBytes() / 8 * 3; // each line is 10 bytes: about 3.75 times the bound
    StepOutcome outcome =
        run(step("chatty").shell("yes 123456789 | head -n " + lines + "; echo END"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(maxLogBytes())
        .isGreaterThan(maxLogBytes() - 20);
    assertThat(outcome.stdout()).endsWith("123456789\nEND\n");
  }

  @Test
  void secretValuesAreRedactedFromBothStreams() {
    String secret = "s3cr3t-" + UUID.randomUUID();
    StepOutcome outcome =
        run(
            step("secret")
                .shell("echo token=$TOKEN; echo \"$TOKEN\" >&2")
                .env("TOKEN", secret)
                .redactions(secret));

    assertThat(outcome.stdout()).isEqualTo("token=***\n");
    assertThat(outcome.stderr()).isEqualTo("***\n");
  }

  @Test
  void interruptingTheCallingThreadCancelsTheStep() {
    StepRequest request = step("cancelled").argv("sleep", "30").build();
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.set(runner().run(request));
              } catch (Throwable e) {
                result.set(e);
              }
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            },
            "contract-cancel");
    long start = System.nanoTime();
    thread.start();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !containers(request.labels(), true).isEmpty());

    thread.interrupt();
    await().atMost(Duration.ofSeconds(30)).until(() -> interruptedAfter.get() != null);

    assertThat(result.get())
        .isInstanceOf(StepCancelledException.class)
        .asString()
        .contains("cancelled");
    assertThat(interruptedAfter.get()).as("interrupt status kept").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
    assertThat(containers(request.labels(), false)).isEmpty();
  }

  @Test
  void unknownImageIsImageNotFound() {
    String image = "gantry-contract.invalid/missing/image:never";
    StepRequest request = step("no-image").image(image).argv("true").build();

    assertThatThrownBy(() -> runner().run(request))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining(image)
        .satisfies(e -> assertThat(((ImageNotFoundException) e).isRetryable()).isFalse());
  }

  @Test
  void resolveImageGivesAStableIdAndNoContainer() {
    String id = runner().resolveImage(image(), null, null);

    assertThat(id).isNotBlank().isNotEqualTo(image());
    assertThat(runner().resolveImage(image(), null, null)).isEqualTo(id);
    assertThat(containers(Map.of(Labels.OWNER, owner), false)).isEmpty();
  }

  @Test
  void resolvingAnUnknownImageIsImageNotFound() {
    String image = "gantry-contract.invalid/missing/image:never";

    assertThatThrownBy(() -> runner().resolveImage(image, null, null))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining(image);
  }
}
