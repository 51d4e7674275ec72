package dev.gantry.dagger;

import dev.gantry.GantryException;
import dev.gantry.runtime.LogTail;
import dev.gantry.runtime.StepOutcome;
import dev.gantry.runtime.StepRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step attempt on the engine: extract the input artifacts to a host directory, send {@link
 * StepDocuments#prepare}, resolve the image, send {@link StepDocuments#run} under the step's
 * timeout, then package the exported outputs as artifacts. {@link #close()} deletes the temporary
 * directories, and the output archives unless they were returned.
 */
final class DaggerStep implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaggerStep.class);

  /** Exit code reported for a step killed at its timeout (as Docker's SIGKILL gives). */
  static final int KILLED = 137;

  private final DaggerClient client;
  private final StepRequest request;
  private final int maxLogBytes;
  private final Clock clock;
  private final String runId;
  private final Map<String, Path> outputs = new LinkedHashMap<>();
  private Path workDirectory;
  private boolean returned;

  DaggerStep(DaggerClient client, StepRequest request, int maxLogBytes, Clock clock, String id) {
    this.client = client;
    this.request = request;
    this.maxLogBytes = maxLogBytes;
    this.clock = clock;
    this.runId = id;
  }

  StepOutcome run() throws InterruptedException {
    String what = "run step " + request.stepName();
    StepPlan plan;
    try {
      workDirectory = Files.createTempDirectory("gantry-dagger-");
      Path inputs = null;
      if (!request.inputArchives().isEmpty()) {
        inputs = Files.createDirectory(workDirectory.resolve("inputs"));
        for (Path archive : request.inputArchives()) {
          if (!Files.isReadable(archive)) {
            throw new GantryException(
                "Step " + request.stepName() + ": input archive " + archive + " is not readable");
          }
          HostFiles.extract(archive, inputs);
        }
      }
      plan = StepPlan.of(request, inputs, Files.createDirectory(workDirectory.resolve("outputs")));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Step " + request.stepName() + ": preparing its files for Dagger failed", e);
    }
    try {
      StepDocuments.Prepared ids = prepare(plan);
      String imageRef =
          ImageResolver.resolve(
              client,
              plan.image(),
              plan.registryAuth(),
              ids.registrySecretId(),
              DaggerStepRunner.RESOLVE_TIMEOUT,
              request.useCircuitBreaker());
      return execute(plan, ids, imageRef, what);
    } catch (DaggerClient.DeadlineExceeded e) {
      throw new GantryException(
          "Step " + request.stepName() + ": the Dagger engine did not get ready: " + e.getMessage(),
          e,
          true);
    }
  }

  private StepDocuments.Prepared prepare(StepPlan plan)
      throws DaggerClient.DeadlineExceeded, InterruptedException {
    if (!StepDocuments.needsPrepare(plan)) {
      return StepDocuments.Prepared.NONE;
    }
    GraphQLResponse response =
        client.execute(
            StepDocuments.prepare(plan),
            DaggerStepRunner.PREPARE_TIMEOUT,
            request.useCircuitBreaker());
    if (response.hasErrors()) {
      throw DaggerErrors.of(
          "prepare the secrets and inputs of step " + request.stepName(), null, response);
    }
    return new StepDocuments.Prepared(
        StepDocuments.secretIds(plan, response),
        plan.registryAuth() == null
            ? null
            : StepDocuments.requiredId(response, StepDocuments.REGISTRY, "registry password"),
        plan.inputDirectory() == null
            ? null
            : StepDocuments.requiredId(response, StepDocuments.INPUT, "input directory"));
  }

  private StepOutcome execute(
      StepPlan plan, StepDocuments.Prepared ids, String imageRef, String what)
      throws InterruptedException {
    GraphQLRequest document = StepDocuments.run(plan, ids, imageRef);
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < plan.outputs().size(); i++) {
      aliases.add(StepDocuments.outputAlias(i));
    }
    Instant startedAt = clock.instant();
    GraphQLResponse response;
    try {
      response = client.execute(document, request.timeout(), request.useCircuitBreaker());
    } catch (DaggerClient.DeadlineExceeded e) {
      log.info(
          "Step {} exceeded its timeout of {} s; its Dagger request was cancelled",
          request.stepName(),
          request.timeout().toSeconds());
      return new StepOutcome(
          runId,
          KILLED,
          false,
          true,
          "",
          "",
          Map.of(),
          request.outputs(),
          startedAt,
          clock.instant());
    }
    Instant finishedAt = clock.instant();
    ExecResult result = ExecResult.read(response, what, plan.image(), aliases);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < plan.outputs().size(); i++) {
      StepPlan.OutputExport output = plan.outputs().get(i);
      String failure = result.failedOutputs().get(aliases.get(i));
      if (failure != null) {
        log.debug("Step {}: exporting {} failed: {}", request.stepName(), output.path(), failure);
      }
      if (failure == null && Files.exists(output.exported(), LinkOption.NOFOLLOW_LINKS)) {
        outputs.put(output.path(), archive(output));
      } else {
        missing.add(output.path());
      }
    }
    returned = true;
    return new StepOutcome(
        runId,
        result.exitCode(),
        false,
        false,
        tail(result.stdout()),
        tail(result.stderr()),
        outputs,
        missing,
        startedAt,
        finishedAt);
  }

  private Path archive(StepPlan.OutputExport output) {
    String relative = output.path().replaceAll("^/+", "").replaceAll("/+$", "");
    try {
      return HostFiles.archive(output.exportDirectory(), relative);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Step " + request.stepName() + ": packaging output " + output.path() + " failed", e);
    }
  }

  private String tail(String text) {
    LogTail tail = new LogTail(maxLogBytes, request.redactions());
    tail.append(text.getBytes(StandardCharsets.UTF_8));
    return tail.text();
  }

  @Override
  public void close() {
    HostFiles.deleteTree(workDirectory);
    if (!returned) {
      for (Path file : outputs.values()) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.debug("Could not delete temporary output {}: {}", file, e.getMessage());
        }
      }
    }
  }
}
