package dev.gantry.dagger;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.runtime.Archives;
import dev.gantry.runtime.StepRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a step becomes on Dagger, worked out from its {@link StepRequest} without talking to the
 * engine (one pure function, unit-tested): which env vars are plain and which are secrets, the
 * registry login, the host directory holding the input artifacts, and where each declared output is
 * exported to.
 *
 * <p>Secrets: Gantry hands a step's secret values in its env and lists them in {@link
 * StepRequest#redactions()}. An env var whose value is one of those becomes a Dagger secret ({@code
 * setSecret} + {@code withSecretVariable}), never a plain {@code withEnvVariable}.
 *
 * @param inputDirectory host directory holding the step's input artifacts extracted (entries
 *     relative to {@code /}), or null without inputs
 * @param registryAuth the login sent for the step's image, or null
 */
record StepPlan(
    String stepName,
    String image,
    List<String> argv,
    Map<String, String> plainEnv,
    Map<String, String> secretEnv,
    String workdir,
    String user,
    RegistryAuth registryAuth,
    Path inputDirectory,
    List<OutputExport> outputs) {

  /** A registry login: the image it is for, the user name and the password (a secret). */
  record RegistryAuth(String address, String username, String password) {
    @Override
    public String toString() {
      return "RegistryAuth[address=" + address + ", username=" + username + ", password=***]";
    }
  }

  /**
   * A declared output and where it lands on the host: the engine exports the container's {@code /}
   * filtered to {@link #include()} into {@link #exportDirectory()}, so the output, if it exists, is
   * at {@code exportDirectory/<path without the leading slash>}.
   */
  record OutputExport(String path, String include, Path exportDirectory) {
    /** Where the output is on the host after the export, whether it exists or not. */
    Path exported() {
      return exportDirectory.resolve(path.replaceAll("^/+", "").replaceAll("/+$", ""));
    }
  }

  StepPlan {
    argv = List.copyOf(argv);
    plainEnv = Collections.unmodifiableMap(new LinkedHashMap<>(plainEnv));
    secretEnv = Collections.unmodifiableMap(new LinkedHashMap<>(secretEnv));
    outputs = List.copyOf(outputs);
  }

  /**
   * @param inputDirectory where the input archives were extracted, or null when there are none
   * @param exportRoot a fresh host directory under which each output gets its own directory
   */
  static StepPlan of(StepRequest request, Path inputDirectory, Path exportRoot) {
    if (request.argv().isEmpty()) {
      throw new IllegalArgumentException(
          "Step " + request.stepName() + ": the Dagger runtime needs a command (argv is empty)");
    }
    Set<String> secretValues = new HashSet<>();
    for (String value : request.redactions()) {
      if (value != null && !value.isEmpty()) {
        secretValues.add(value);
      }
    }
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> secret = new LinkedHashMap<>();
    request
        .env()
        .forEach(
            (name, value) -> {
              if (value != null && secretValues.contains(value)) {
                secret.put(name, value);
              } else {
                plain.put(name, value == null ? "" : value);
              }
            });
    List<OutputExport> outputs = new ArrayList<>();
    for (int i = 0; i < request.outputs().size(); i++) {
      String path = request.outputs().get(i);
      Archives.parentOf(path); // rejects relative paths and "/"
      outputs.add(new OutputExport(path, include(path), exportRoot.resolve("o" + i)));
    }
    return new StepPlan(
        request.stepName(),
        request.image(),
        request.argv(),
        plain,
        secret,
        blankToNull(request.workdir()),
        blankToNull(request.user()),
        registryAuth(request),
        inputDirectory,
        outputs);
  }

  /**
   * The login for the step's image: credentials for a named registry go to images of that registry
   * only; credentials without one go to the image's own registry (as on Docker).
   */
  static RegistryAuth registryAuth(StepRequest request) {
    return registryAuth(request.image(), request.registry(), request.credentials());
  }

  static RegistryAuth registryAuth(String image, String registry, RegistryCredentials c) {
    if (c == null || c.username() == null || c.password() == null) {
      return null;
    }
    if (registry != null && !sameRegistry(registryOf(image), registry)) {
      return null;
    }
    return new RegistryAuth(image, c.username(), c.password());
  }

  /** The registry host of an image reference; {@code docker.io} when it names none. */
  static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "docker.io";
  }

  private static boolean sameRegistry(String a, String b) {
    return normaliseRegistry(a).equals(normaliseRegistry(b));
  }

  private static String normaliseRegistry(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    r = r.replaceFirst("^https?://", "").replaceAll("/+$", "");
    return switch (r) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> r;
    };
  }

  /**
   * The include pattern that keeps exactly {@code path} (and what is below it) when filtering the
   * container's {@code /}: the path without its leading slash, glob characters escaped.
   */
  static String include(String path) {
    String relative = path.replaceAll("^/+", "").replaceAll("/+$", "");
    StringBuilder pattern = new StringBuilder();
    for (char c : relative.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || c == '!') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Like the record's, with secret values left out. */
  @Override
  public String toString() {
    return "StepPlan[stepName="
        + stepName
        + ", image="
        + image
        + ", argv="
        + argv.size()
        + " args, plainEnv="
        + plainEnv.keySet()
        + ", secretEnv="
        + secretEnv.keySet()
        + ", workdir="
        + workdir
        + ", user="
        + user
        + ", registryAuth="
        + registryAuth
        + ", inputDirectory="
        + inputDirectory
        + ", outputs="
        + outputs
        + "]";
  }
}
