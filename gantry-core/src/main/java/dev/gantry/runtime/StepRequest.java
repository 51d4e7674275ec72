package dev.gantry.runtime;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.internal.Maps;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.Resources;
import dev.gantry.secret.SecretMask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a runtime needs to run one step attempt.
 *
 * @param labels the {@code gantry.*} labels the container carries (see {@link Labels})
 * @param argv the command, passed as it is (shell strings were already turned into {@code sh -c})
 * @param resources fully resolved limits (every field set)
 * @param inputArchives tar files whose entries are relative to {@code /} ({@link Archives}),
 *     extracted into the container before it starts
 * @param outputs absolute paths to copy out after the container exits
 * @param timeout how long the container may run before it is killed
 * @param registry the registry {@code credentials} are for (e.g. {@code container_registry}, {@code
 *     docker.io}); they are sent only when the image comes from it. {@code null} with credentials:
 *     they are for the image's own registry (a step's {@code registry_credentials})
 * @param credentials credentials for pulls, or null
 * @param redactions secret values to replace with {@value dev.gantry.secret.SecretMask#MASK} in
 *     captured output
 * @param useCircuitBreaker false when the execution's {@code workflow_params.use_circuit_breaker}
 *     is false: the runtime's calls for this step bypass its circuit breaker
 */
public record StepRequest(
    Map<String, String> labels,
    String stepName,
    String image,
    List<String> argv,
    Map<String, String> env,
    String workdir,
    String user,
    Resources resources,
    NetworkMode network,
    List<Path> inputArchives,
    List<String> outputs,
    Duration timeout,
    String registry,
    RegistryCredentials credentials,
    List<String> redactions,
    boolean useCircuitBreaker) {
  public StepRequest {
    labels = Maps.copy(labels);
    Objects.requireNonNull(stepName, "stepName");
    Objects.requireNonNull(image, "image");
    argv = List.copyOf(argv);
    env = Maps.copy(env);
    Objects.requireNonNull(resources, "resources");
    network = network == null ? NetworkMode.NONE : network;
    inputArchives = Maps.list(inputArchives);
    outputs = Maps.list(outputs);
    Objects.requireNonNull(timeout, "timeout");
    redactions = Maps.list(redactions);
  }

  /** Like the record's, with secret values masked and the redactions only counted. */
  @Override
  public String toString() {
    return "StepRequest[stepName="
        + stepName
        + ", image="
        + image
        + ", argv="
        + SecretMask.redact(argv.toString(), redactions)
        + ", env="
        + SecretMask.redact(env.toString(), redactions)
        + ", workdir="
        + workdir
        + ", user="
        + user
        + ", resources="
        + resources
        + ", network="
        + network
        + ", inputArchives="
        + inputArchives
        + ", outputs="
        + outputs
        + ", timeout="
        + timeout
        + ", registry="
        + registry
        + ", credentials="
        + credentials
        + ", redactions="
        + redactions.size()
        + ", labels="
        + labels
        + ", useCircuitBreaker="
        + useCircuitBreaker
        + "]";
  }

  /** A request that goes through the runtime's circuit breaker. */
  public StepRequest(
      Map<String, String> labels,
      String stepName,
      String image,
      List<String> argv,
      Map<String, String> env,
      String workdir,
      String user,
      Resources resources,
      NetworkMode network,
      List<Path> inputArchives,
      List<String> outputs,
      Duration timeout,
      String registry,
      RegistryCredentials credentials,
      List<String> redactions) {
    this(
        labels,
        stepName,
        image,
        argv,
        env,
        workdir,
        user,
        resources,
        network,
        inputArchives,
        outputs,
        timeout,
        registry,
        credentials,
        redactions,
        true);
  }
}
