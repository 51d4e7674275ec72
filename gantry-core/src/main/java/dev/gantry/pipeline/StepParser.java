package dev.gantry.pipeline;

import dev.gantry.InvalidInputException.Problem;
import dev.gantry.internal.DidYouMean;
import dev.gantry.internal.Fields;
import dev.gantry.pipeline.internal.ResilienceFields;
import dev.gantry.pipeline.internal.ResourceFields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one step of a pipeline definition, recording every problem with its full path. */
final class StepParser {
  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "image",
          "command",
          "env",
          "environment",
          "secrets",
          "workdir",
          "working_dir",
          "user",
          "outputs",
          "depends_on",
          "timeout_seconds",
          "resources",
          "network",
          "cache",
          "retry",
          "retryable_exit_codes",
          "total_timeout_seconds",
          "registry_credentials");

  /**
   * What was read of a step: its name and dependencies when they are valid (for the graph checks)
   * and the spec when the whole step is valid.
   */
  record Parsed(String name, List<String> dependsOn, StepSpec spec) {}

  private final String defaultImage;

  StepParser(String defaultImage) {
    this.defaultImage = defaultImage;
  }

  Parsed parse(Object raw, String path, List<Problem> problems) {
    if (!(raw instanceof Map<?, ?> map)) {
      problems.add(
          new Problem(
              path,
              "expected an object with at least 'name' and 'command', got "
                  + Fields.describe(raw)));
      return new Parsed(null, List.of(), null);
    }
    Fields f = new Fields(map, path, problems);
    int before = problems.size();
    unknownKeys(f, KEYS);
    String name = name(f);
    String description = f.string("description");
    String image = image(f);
    Command command = command(f);
    Map<String, String> env = env(f);
    List<String> secrets = secrets(f, env);
    String workdir = workdir(f);
    String user = user(f);
    List<String> outputs = outputs(f);
    List<String> dependsOn = dependsOn(f);
    Integer timeout = f.integer("timeout_seconds", 1);
    Resources resources = resources(f);
    NetworkMode network = network(f);
    StepCache cache = ResilienceFields.cache(f, StepParser::unknownKeys);
    StepRetry retry = ResilienceFields.retry(f, StepParser::unknownKeys);
    List<Integer> retryableExitCodes = ResilienceFields.exitCodes(f);
    Integer totalTimeout = f.integer("total_timeout_seconds", 1);
    StepRegistryCredentials registryCredentials = registryCredentials(f);
    StepSpec spec = null;
    if (problems.size() == before) {
      spec =
          f.checked(
              () ->
                  new StepSpec(
                      name,
                      description,
                      image,
                      command,
                      env,
                      secrets,
                      workdir,
                      user,
                      outputs,
                      dependsOn,
                      timeout,
                      resources,
                      network,
                      cache,
                      retry,
                      retryableExitCodes,
                      totalTimeout,
                      registryCredentials));
    }
    return new Parsed(name, dependsOn == null ? List.of() : dependsOn, spec);
  }

  /** Adds one problem for each key of {@code f} that is not in {@code known}. */
  static void unknownKeys(Fields f, List<String> known) {
    for (String key : f.unknownKeys(known)) {
      String hint =
          DidYouMean.closest(key, known).map(k -> "did you mean '" + k + "'? ").orElse("");
      f.problem(
          "unknown key '"
              + key
              + "' ("
              + hint
              + "known keys: "
              + String.join(", ", known.stream().sorted().toList())
              + ")");
    }
  }

  private static String name(Fields f) {
    String name = f.requiredString("name");
    return name != null && f.check(() -> StepSpec.checkName(name)) ? name : null;
  }

  private String image(Fields f) {
    String image = f.has("image") ? f.string("image") : defaultImage;
    if (image == null) {
      if (!f.has("image")) {
        f.problem("image", "is required (no default image is configured)");
      }
      return null;
    }
    return f.check(() -> StepSpec.checkImage(image)) ? image : null;
  }

  private static Command command(Fields f) {
    if (!f.has("command")) {
      f.problem("command", "is required");
      return null;
    }
    return f.checked(() -> Command.of(f.raw("command")));
  }

  /** The key used of two accepted spellings, or {@code null}; both at once is a problem. */
  private static String spelling(Fields f, String key, String alias) {
    if (f.has(key) && f.has(alias)) {
      f.problem("use either '" + key + "' or '" + alias + "', not both");
      return null;
    }
    return f.has(alias) ? alias : key;
  }

  private static Map<String, String> env(Fields f) {
    String key = spelling(f, "env", "environment");
    Fields env = key == null ? null : f.object(key);
    if (env == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : env.keys()) {
      Object value = env.raw(name);
      if (!f.check(() -> StepSpec.checkEnvName(key, name))) {
        continue;
      }
      if (value instanceof String s) {
        out.put(name, s);
      } else if (value instanceof Number n) {
        out.put(name, Fields.text(n));
      } else if (value instanceof Boolean b) {
        out.put(name, b.toString());
      } else {
        env.problem(name, "expected a string, number or boolean, got " + Fields.describe(value));
      }
    }
    return out;
  }

  private static List<String> secrets(Fields f, Map<String, String> env) {
    List<String> secrets = f.strings("secrets");
    if (secrets == null) {
      return null;
    }
    for (int i = 0; i < secrets.size(); i++) {
      String secret = secrets.get(i);
      String path = Fields.index(f.pathOf("secrets"), i);
      if (!StepSpec.ENV_NAME.matcher(secret).matches()) {
        f.problems()
            .add(
                new Problem(
                    path,
                    "expected a secret name of letters, digits and '_' not starting with a"
                        + " digit, got '"
                        + secret
                        + "'"));
      } else if (env != null && env.containsKey(secret)) {
        f.problems()
            .add(
                new Problem(
                    path,
                    "'" + secret + "' is also set in env; give it either as a secret or in env"));
      }
    }
    return secrets;
  }

  private static String workdir(Fields f) {
    String key = spelling(f, "workdir", "working_dir");
    String workdir = key == null ? null : f.string(key);
    if (workdir == null) {
      return null;
    }
    return f.check(() -> StepSpec.checkWorkdir(key, workdir)) ? workdir : null;
  }

  private static String user(Fields f) {
    Object raw = f.raw("user");
    BigInteger uid = Fields.toBigInteger(raw);
    if (raw instanceof Number && uid != null && uid.signum() >= 0) {
      return uid.toString();
    }
    if (raw == null || raw instanceof String) {
      return (String) raw;
    }
    f.problem("user", "expected a user name or a numeric uid, got " + Fields.describe(raw));
    return null;
  }

  private static List<String> outputs(Fields f) {
    List<String> outputs = f.strings("outputs");
    if (outputs != null) {
      for (int i = 0; i < outputs.size(); i++) {
        String field = "outputs[" + i + "]";
        String output = outputs.get(i);
        f.check(() -> StepSpec.checkOutputPath(field, output));
      }
    }
    return outputs;
  }

  private static List<String> dependsOn(Fields f) {
    Object raw = f.raw("depends_on");
    if (raw == null) {
      return null;
    }
    if (raw instanceof String s) {
      return List.of(s);
    }
    if (!(raw instanceof List<?> list)) {
      f.problem(
          "depends_on",
          "expected a step name or a list of step names, got " + Fields.describe(raw));
      return null;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) instanceof String s) {
        names.add(s);
      } else {
        f.problems()
            .add(
                new Problem(
                    Fields.index(f.pathOf("depends_on"), i),
                    "expected a step name, got " + Fields.describe(list.get(i))));
      }
    }
    return names.size() == list.size() ? names : null;
  }

  private static Resources resources(Fields f) {
    Fields resources = f.object("resources");
    if (resources == null) {
      return null;
    }
    unknownKeys(resources, ResourceFields.KEYS);
    return ResourceFields.read(resources);
  }

  private static StepRegistryCredentials registryCredentials(Fields f) {
    Fields c = f.object("registry_credentials");
    if (c == null) {
      return null;
    }
    if (c.has("password")) {
      c.problem(
          "password",
          "a password is not accepted in a pipeline definition; add it to the config's 'secrets'"
              + " section (e.g. REGISTRY_PASSWORD: env:REGISTRY_PASSWORD) and name it with"
              + " 'password_secret'");
      return null;
    }
    unknownKeys(c, List.of("username", "password_secret"));
    String username = c.requiredString("username");
    String passwordSecret = c.requiredString("password_secret");
    if (username == null || passwordSecret == null) {
      return null;
    }
    return f.checked(() -> new StepRegistryCredentials(username, passwordSecret));
  }

  private static NetworkMode network(Fields f) {
    Object raw = f.raw("network");
    if (raw == null) {
      return null;
    }
    if (raw instanceof Boolean b) {
      return b ? NetworkMode.BRIDGE : NetworkMode.NONE;
    }
    if (raw instanceof String s) {
      return f.checked(() -> NetworkMode.parse(s));
    }
    f.problem("network", "expected none, bridge, true or false, got " + Fields.describe(raw));
    return null;
  }
}
