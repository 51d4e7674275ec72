package dev.gantry.server.dagger;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /workflows/{id}/execute} and {@code POST /pipelines/{id}/execute} applied
 * to a stored definition: {@code inputs} become environment variables of every step, {@code
 * container_credentials} the registry login of steps without their own, {@code
 * workflow_defaults.timeout_seconds} the limit of steps without their own, {@code
 * workflow_defaults.caching_enabled: false} skips the workflow cache, {@code source_directory} the
 * directory whose files the steps find at {@code /source}.
 */
public record RunRequest(
    Map<String, Object> definition,
    Map<String, Object> inputs,
    boolean skipCache,
    String sourceDirectory) {
  static final List<String> KEYS =
      List.of(
          "inputs",
          "container_registry",
          "container_credentials",
          "workflow_defaults",
          "source_directory");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  @SuppressWarnings("unchecked")
  public static RunRequest of(
      Map<String, Object> stored, Map<String, Object> body, boolean caching) {
    List<Problem> problems = new ArrayList<>();
    Fields f = new Fields(body, "", problems);
    for (String key : f.unknownKeys(KEYS)) {
      f.problem(key, "unknown key (known keys: " + String.join(", ", KEYS) + ")");
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    Fields in = f.object("inputs");
    if (in != null) {
      for (String key : in.keys()) {
        Object v = in.raw(key);
        if (!ENV_NAME.matcher(key).matches()) {
          in.problem(key, "expected an input name of letters, digits and '_' (an env variable)");
        } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
          inputs.put(key, String.valueOf(v));
        } else {
          in.problem(key, "expected a string, number or boolean, got " + Fields.describe(v));
        }
      }
    }
    f.string("container_registry");
    Fields credentials = f.object("container_credentials");
    Map<String, Object> login = credentials == null ? null : ContractSteps.credentials(credentials);
    Integer timeout = null;
    Boolean cachingEnabled = null;
    Fields defaults = f.object("workflow_defaults");
    if (defaults != null) {
      timeout = defaults.integer("timeout_seconds", 1);
      cachingEnabled = defaults.bool("caching_enabled");
    }
    String source = f.string("source_directory");
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid execution request", problems);
    }
    Map<String, Object> definition = new LinkedHashMap<>(stored);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object s : (List<Object>) stored.get("steps")) {
      Map<String, Object> step = new LinkedHashMap<>((Map<String, Object>) s);
      Map<String, Object> env = new LinkedHashMap<>();
      if (step.get("env") instanceof Map<?, ?> e) {
        e.forEach((k, v) -> env.put(String.valueOf(k), v));
      }
      env.putAll(inputs);
      step.put("env", env);
      if (login != null) {
        step.putIfAbsent("registry_credentials", login);
      }
      if (timeout != null) {
        step.putIfAbsent("timeout_seconds", timeout);
      }
      steps.add(step);
    }
    definition.put("steps", steps);
    boolean cache = cachingEnabled != null ? cachingEnabled : caching;
    return new RunRequest(definition, inputs, !cache, source);
  }
}
