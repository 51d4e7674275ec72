package dev.gantry.server.dagger;

import dev.gantry.InvalidInputException;
import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates the contract's {@code WorkflowStep}s and {@code ContainerConfig} into a Gantry
 * pipeline definition (the map {@code PipelineParser} reads), in one place. A step's {@code id} is
 * the Gantry step name, its {@code name} the description; {@code inputs} and the execution's inputs
 * become environment variables; an output name that is not an absolute path is the file {@code
 * /outputs/<name>}.
 */
public final class ContractSteps {
  static final List<String> STEP_KEYS =
      List.of("id", "name", "container", "depends_on", "inputs", "outputs", "timeout_seconds");
  static final List<String> CONTAINER_KEYS =
      List.of("image", "environment", "volumes", "command", "working_dir", "registry_credentials");

  private ContractSteps() {}

  /** The pipeline definition of a workflow; throws with every problem's field path. */
  public static Map<String, Object> definition(
      String name, String description, Object steps, Object containerConfig) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Object> defaults = container(containerConfig, "container_config", problems);
    List<Map<String, Object>> out = new ArrayList<>();
    if (!(steps instanceof List<?> list) || list.isEmpty()) {
      problems.add(
          new Problem(
              "steps", "expected a non-empty list of steps, got " + Fields.describe(steps)));
    } else {
      for (int i = 0; i < list.size(); i++) {
        out.add(step(list.get(i), "steps[" + i + "]", defaults, problems));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("invalid workflow", problems);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("name", name);
    definition.put("description", description == null ? "" : description);
    definition.put("steps", out);
    return definition;
  }

  private static Map<String, Object> step(
      Object raw, String path, Map<String, Object> defaults, List<Problem> problems) {
    Map<String, Object> step = new LinkedHashMap<>();
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(new Problem(path, "expected a step object, got " + Fields.describe(raw)));
      return step;
    }
    Fields f = new Fields(map, path, problems);
    unknown(f, STEP_KEYS);
    String id = f.string("id") != null ? f.string("id") : f.string("name");
    if (id == null) {
      f.problem("id", "is required (the step's name in depends_on)");
    }
    step.put("name", id);
    step.put("description", f.string("name") == null ? "" : f.string("name"));
    Map<String, Object> container = new LinkedHashMap<>(defaults);
    Map<String, Object> own = container(map.get("container"), f.pathOf("container"), problems);
    own.forEach(
        (k, v) -> {
          if (k.equals("env") && container.get("env") instanceof Map<?, ?> base) {
            Map<Object, Object> merged = new LinkedHashMap<>(base);
            merged.putAll((Map<?, ?>) v);
            container.put("env", merged);
          } else {
            container.put(k, v);
          }
        });
    step.putAll(container);
    Map<String, Object> env = new LinkedHashMap<>();
    if (step.get("env") instanceof Map<?, ?> e) {
      e.forEach((k, v) -> env.put(String.valueOf(k), v));
    }
    Fields inputs = f.object("inputs");
    if (inputs != null) {
      for (String key : inputs.keys()) {
        env.put(key, scalar(inputs, key));
      }
    }
    step.put("env", env);
    if (!step.containsKey("command")) {
      f.problem("container.command", "is required (a list of arguments or a shell string)");
    }
    List<String> depends = f.strings("depends_on");
    if (depends != null) {
      step.put("depends_on", depends);
    }
    List<String> outputs = f.strings("outputs");
    if (outputs != null) {
      step.put(
          "outputs", outputs.stream().map(o -> o.startsWith("/") ? o : "/outputs/" + o).toList());
    }
    Integer timeout = f.integer("timeout_seconds", 1);
    if (timeout != null) {
      step.put("timeout_seconds", timeout);
    }
    return step;
  }

  /** A ContainerConfig as the step keys it sets. */
  static Map<String, Object> container(Object raw, String path, List<Problem> problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(new Problem(path, "expected an object, got " + Fields.describe(raw)));
      return out;
    }
    Fields f = new Fields(map, path, problems);
    unknown(f, CONTAINER_KEYS);
    if (f.string("image") != null) {
      out.put("image", f.string("image"));
    }
    Fields env = f.object("environment");
    if (env != null) {
      Map<String, Object> vars = new LinkedHashMap<>();
      env.keys().forEach(k -> vars.put(k, scalar(env, k)));
      out.put("env", vars);
    }
    if (map.get("volumes") instanceof List<?> volumes && !volumes.isEmpty()) {
      f.problem(
          "volumes",
          "host volumes are not mounted into workflow steps; pass files between steps with"
              + " outputs and depends_on");
    }
    Object command = map.get("command");
    if (command != null) {
      List<String> argv = f.strings("command");
      if (argv != null && argv.isEmpty()) {
        f.problem("command", "expected at least one argument");
      } else if (argv != null) {
        out.put("command", argv);
      }
    }
    if (f.string("working_dir") != null) {
      out.put("workdir", f.string("working_dir"));
    }
    Fields credentials = f.object("registry_credentials");
    if (credentials != null) {
      out.put("registry_credentials", credentials(credentials));
    }
    return out;
  }

  /** Registry credentials name a secret of the config; a password in the request is refused. */
  static Map<String, Object> credentials(Fields f) {
    if (f.has("password")) {
      f.problem(
          "password",
          "passwords are not accepted in requests; name a secret of the configuration's secrets"
              + " section in password_secret");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", f.requiredString("username"));
    out.put("password_secret", f.requiredString("password_secret"));
    return out;
  }

  private static Object scalar(Fields f, String key) {
    Object v = f.raw(key);
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    f.problem(key, "expected a string, number or boolean, got " + Fields.describe(v));
    return "";
  }

  private static void unknown(Fields f, List<String> known) {
    for (String key : f.unknownKeys(known)) {
      f.problem(key, "unknown key (known keys: " + String.join(", ", known) + ")");
    }
  }
}
