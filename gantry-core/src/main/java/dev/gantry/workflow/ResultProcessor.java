package dev.gantry.workflow;

import dev.gantry.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's ResultProcessor: turns a finished execution into the normalised result of its workflow
 * type, validates it against {@link ResultSchema}, stores it and makes it retrievable by task,
 * workflow and execution.
 */
public final class ResultProcessor {
  /** Longest stdout excerpt kept per step in a result. */
  public static final int EXCERPT_CHARS = 2000;

  private static final int LOG_CHARS = 16_000;

  private final Store store;
  private final Clock clock;

  public ResultProcessor(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Builds, validates and stores the result of a terminal execution. */
  public WorkflowResult process(Execution execution) {
    Map<String, Object> normalised = normalise(execution, clock.instant());
    ResultSchema.of(execution.workflowType()).validate(normalised);
    WorkflowResult result =
        new WorkflowResult(
            execution.id(),
            execution.workflowId(),
            execution.taskId(),
            execution.workflowType(),
            execution.state().isSuccessful(),
            normalised,
            clock.instant());
    store.saveResult(result);
    return result;
  }

  /** The normalised result map of {@code execution} for its workflow type. */
  public static Map<String, Object> normalise(Execution execution, Instant now) {
    boolean success = execution.state().isSuccessful();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", success);
    out.put("result", success ? payload(execution) : null);
    out.put("error", success ? null : errorOf(execution));
    out.put(
        "timestamp", (execution.finishedAt() != null ? execution.finishedAt() : now).toString());
    switch (ResultSchema.of(execution.workflowType())) {
      case CONTAINERIZED_WORKFLOW -> {
        out.put("container_id", lastContainer(execution));
        out.put("status", execution.state().wireName());
        out.put("logs", logs(execution));
      }
      case DAGGER_PIPELINE -> {
        out.put("pipeline_id", execution.pipeline().name());
        out.put("status", execution.state().wireName());
        out.put("steps", steps(execution));
      }
      case GENERIC -> {}
    }
    return out;
  }

  private static String errorOf(Execution execution) {
    return execution.error() != null
        ? execution.error()
        : "execution " + execution.id() + " ended " + execution.state().wireName();
  }

  private static Map<String, Object> payload(Execution execution) {
    Map<String, Object> payload = new LinkedHashMap<>();
    StepRun last = execution.steps().get(execution.steps().size() - 1);
    payload.put("exit_code", last.exitCode());
    payload.put("output", tail(stdout(last), EXCERPT_CHARS).strip());
    List<Map<String, Object>> artifacts = new ArrayList<>();
    for (StepRun step : execution.steps()) {
      for (ArtifactRef ref : step.outputs()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("step", step.name());
        a.put("path", ref.path());
        a.put("digest", ref.digest());
        a.put("size", ref.size());
        artifacts.add(a);
      }
    }
    payload.put("artifacts", artifacts);
    payload.put("steps", steps(execution));
    return payload;
  }

  private static Map<String, Object> steps(Execution execution) {
    Map<String, Object> steps = new LinkedHashMap<>();
    for (StepRun step : execution.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("status", step.state().wireName());
      s.put("exit_code", step.exitCode());
      s.put("attempts", step.attempts().size());
      s.put("started_at", step.startedAt() == null ? null : step.startedAt().toString());
      s.put("completed_at", step.finishedAt() == null ? null : step.finishedAt().toString());
      s.put("output", tail(stdout(step), EXCERPT_CHARS).strip());
      s.put("outputs", step.outputs().stream().map(ArtifactRef::path).toList());
      s.put("error", step.error());
      steps.put(step.name(), s);
    }
    return steps;
  }

  private static String lastContainer(Execution execution) {
    String id = null;
    for (StepRun step : execution.steps()) {
      for (StepAttempt a : step.attempts()) {
        if (a.containerId() != null) {
          id = a.containerId();
        }
      }
    }
    return id;
  }

  private static String logs(Execution execution) {
    StringBuilder sb = new StringBuilder();
    for (StepRun step : execution.steps()) {
      StepAttempt a = step.lastAttempt();
      if (a == null) {
        continue;
      }
      sb.append("[").append(step.name()).append("] ").append(a.stdout());
      if (!a.stderr().isEmpty()) {
        sb.append("[").append(step.name()).append(" stderr] ").append(a.stderr());
      }
    }
    return tail(sb.toString(), LOG_CHARS);
  }

  private static String stdout(StepRun step) {
    StepAttempt a = step.lastAttempt();
    return a == null || a.stdout() == null ? "" : a.stdout();
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : s.substring(s.length() - max);
  }
}
