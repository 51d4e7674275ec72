package dev.gantry.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.InvalidInputException;
import dev.gantry.internal.Maps;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One step of a pipeline: one container run. Immutable and validated; {@link PipelineParser} builds
 * it from YAML, JSON or a map with errors that name the path.
 *
 * @param timeoutSeconds the step's own time limit, {@code null} for the configured default
 * @param outputs absolute paths in the container that dependents receive at the same paths
 * @param secrets names of secrets from the config's {@code secrets} section, given as env vars
 * @param cache the step's cache policy ({@code docs/caching.md})
 * @param retry the step's own retry settings ({@code docs/resilience.md})
 * @param retryableExitCodes non-zero exit codes that count as transient failures and are retried
 * @param totalTimeoutSeconds the limit of all attempts with the waits between them, {@code null}
 *     for none; {@code timeoutSeconds} bounds each attempt
 * @param registryCredentials the step's own login to its image's registry, or {@code null} for the
 *     config's {@code container_credentials}
 */
public record StepSpec(
    String name,
    String description,
    String image,
    Command command,
    Map<String, String> env,
    List<String> secrets,
    String workdir,
    String user,
    List<String> outputs,
    @JsonProperty("depends_on") List<String> dependsOn,
    @JsonProperty("timeout_seconds") Integer timeoutSeconds,
    Resources resources,
    NetworkMode network,
    StepCache cache,
    StepRetry retry,
    @JsonProperty("retryable_exit_codes") List<Integer> retryableExitCodes,
    @JsonProperty("total_timeout_seconds") Integer totalTimeoutSeconds,
    @JsonProperty("registry_credentials") StepRegistryCredentials registryCredentials) {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public StepSpec {
    checkName(name);
    checkImage(image);
    if (command == null) {
      throw new InvalidInputException("command", "is required");
    }
    description = description == null ? "" : description;
    env = Maps.copy(env);
    for (String key : env.keySet()) {
      checkEnvName("env", key);
      if (env.get(key) == null) {
        throw new InvalidInputException("env." + key, "expected a string value, got nothing");
      }
    }
    secrets = Maps.list(secrets);
    if (workdir != null) {
      checkWorkdir("workdir", workdir);
    }
    outputs = Maps.list(outputs);
    for (int i = 0; i < outputs.size(); i++) {
      checkOutputPath("outputs[" + i + "]", outputs.get(i));
    }
    dependsOn = Maps.list(dependsOn);
    if (timeoutSeconds != null && timeoutSeconds <= 0) {
      throw new InvalidInputException(
          "timeout_seconds", "expected a positive number of seconds, got " + timeoutSeconds);
    }
    resources = resources == null ? Resources.DEFAULTS : resources;
    network = network == null ? NetworkMode.NONE : network;
    cache = cache == null ? StepCache.DEFAULT : cache;
    retry = retry == null ? StepRetry.DEFAULT : retry;
    retryableExitCodes = Maps.list(retryableExitCodes);
    for (int i = 0; i < retryableExitCodes.size(); i++) {
      Integer code = retryableExitCodes.get(i);
      if (code == null || code < 1 || code > 255) {
        throw new InvalidInputException(
            "retryable_exit_codes[" + i + "]", "expected an exit code from 1 to 255, got " + code);
      }
    }
    if (totalTimeoutSeconds != null && totalTimeoutSeconds <= 0) {
      throw new InvalidInputException(
          "total_timeout_seconds",
          "expected a positive number of seconds, got " + totalTimeoutSeconds);
    }
  }

  /** A step with the default cache and retry policies and no total timeout. */
  public StepSpec(
      String name,
      String description,
      String image,
      Command command,
      Map<String, String> env,
      List<String> secrets,
      String workdir,
      String user,
      List<String> outputs,
      List<String> dependsOn,
      Integer timeoutSeconds,
      Resources resources,
      NetworkMode network) {
    this(
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
        timeoutSeconds,
        resources,
        network,
        null,
        null,
        null,
        null,
        null);
  }

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "name",
          "expected 1-63 letters, digits, '_', '.' or '-' starting with a letter or digit, got "
              + (name == null ? "nothing" : "'" + name + "'"));
    }
  }

  static void checkImage(String image) {
    if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(
          "image", "expected an image reference such as busybox:latest, got '" + image + "'");
    }
  }

  /** Checks one key of the {@code field} map ({@code env} or {@code environment}). */
  static void checkEnvName(String field, String key) {
    if (!ENV_NAME.matcher(key).matches()) {
      throw new InvalidInputException(
          field + "." + key,
          "expected a variable name of letters, digits and '_' not starting with a digit");
    }
  }

  static void checkWorkdir(String field, String workdir) {
    if (!workdir.startsWith("/")) {
      throw new InvalidInputException(field, "expected an absolute path, got '" + workdir + "'");
    }
  }

  static void checkOutputPath(String field, String path) {
    if (path == null || !path.startsWith("/") || path.equals("/")) {
      throw new InvalidInputException(
          field,
          "expected an absolute path below '/', got "
              + (path == null ? "nothing" : "'" + path + "'"));
    }
    for (String part : path.split("/")) {
      if (part.equals("..") || part.equals(".")) {
        throw new InvalidInputException(field, "must not contain '.' or '..', got '" + path + "'");
      }
    }
  }

  /** A copy of this step with another image. */
  public StepSpec withImage(String newImage) {
    return new StepSpec(
        name,
        description,
        newImage,
        command,
        env,
        secrets,
        workdir,
        user,
        outputs,
        dependsOn,
        timeoutSeconds,
        resources,
        network,
        cache,
        retry,
        retryableExitCodes,
        totalTimeoutSeconds,
        registryCredentials);
  }
}
