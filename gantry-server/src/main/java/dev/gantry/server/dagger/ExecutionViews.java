package dev.gantry.server.dagger;

import dev.gantry.workflow.Execution;
import dev.gantry.workflow.StepAttempt;
import dev.gantry.workflow.StepRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's {@code Execution} from Gantry's execution record. */
public final class ExecutionViews {
  private ExecutionViews() {}

  public static Map<String, Object> summary(Execution e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", e.id().value());
    view.put("workflow_id", e.workflowId().value());
    view.put("status", ContractStatus.of(e.state()));
    view.put("gantry_status", e.state().wireName());
    put(view, "started_at", e.startedAt());
    put(view, "completed_at", e.finishedAt());
    put(view, "error", e.error());
    view.put("created_at", e.createdAt().toString());
    return view;
  }

  public static Map<String, Object> full(Execution e) {
    Map<String, Object> view = summary(e);
    Map<String, Object> steps = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    if (e.pipeline() != null) {
      e.pipeline().steps().forEach(s -> descriptions.put(s.name(), s.description()));
    }
    StringBuilder logs = new StringBuilder();
    for (StepRun run : e.steps()) {
      steps.put(run.name(), step(run, descriptions.get(run.name())));
      StepAttempt last = run.lastAttempt();
      if (last != null) {
        append(logs, run.name(), "stdout", last.stdout());
        append(logs, run.name(), "stderr", last.stderr());
      }
    }
    view.put("steps", steps);
    Object inputs = e.params().get("inputs");
    view.put("inputs", inputs instanceof Map<?, ?> ? inputs : Map.of());
    Object outputs = e.result() == null ? null : e.result().get("result");
    view.put("outputs", outputs instanceof Map<?, ?> ? outputs : Map.of());
    view.put("logs", logs.toString());
    return view;
  }

  private static Map<String, Object> step(StepRun run, String description) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("id", run.name());
    step.put("name", description == null || description.isBlank() ? run.name() : description);
    step.put("status", run.state().wireName());
    put(step, "started_at", run.startedAt());
    put(step, "completed_at", run.finishedAt());
    step.put("inputs", Map.of());
    List<Map<String, Object>> outputs =
        run.outputs().stream()
            .map(
                o -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("path", o.path());
                  out.put("digest", o.digest());
                  out.put("size", o.size());
                  return out;
                })
            .toList();
    step.put("outputs", Map.of("artifacts", outputs));
    put(step, "error", run.error());
    if (run.exitCode() != null) {
      step.put("exit_code", run.exitCode());
    }
    return step;
  }

  private static void append(StringBuilder logs, String step, String stream, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        logs.append('[')
            .append(step)
            .append(' ')
            .append(stream)
            .append("] ")
            .append(line)
            .append('\n');
      }
    }
  }

  private static void put(Map<String, Object> view, String key, Object value) {
    if (value != null) {
      view.put(key, value.toString());
    }
  }
}
