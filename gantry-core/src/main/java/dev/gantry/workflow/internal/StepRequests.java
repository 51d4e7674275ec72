package dev.gantry.workflow.internal;

import dev.gantry.config.GantryConfig;
import dev.gantry.config.RegistryCredentials;
import dev.gantry.pipeline.StepSpec;
import dev.gantry.runtime.Labels;
import dev.gantry.runtime.StepRequest;
import dev.gantry.secret.SecretResolver;
import dev.gantry.workflow.ArtifactRef;
import dev.gantry.workflow.ArtifactStore;
import dev.gantry.workflow.Execution;
import dev.gantry.workflow.SourceArtifact;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a step of an execution into the runtime's request for one attempt. */
final class StepRequests {
  /** The env var that tells a container which attempt of its step it is (1, 2, …). */
  static final String ATTEMPT_ENV = "GANTRY_ATTEMPT";

  private final ArtifactStore artifacts;
  private final GantryConfig config;
  private final SecretResolver secrets;
  private final String ownerId;

  StepRequests(
      ArtifactStore artifacts, GantryConfig config, SecretResolver secrets, String ownerId) {
    this.artifacts = artifacts;
    this.config = config;
    this.secrets = secrets;
    this.ownerId = ownerId;
  }

  /** The values of the step's secrets, by name, in the step's order. */
  Map<String, String> secretValues(StepSpec step) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : step.secrets()) {
      values.put(name, secrets.resolve(name, "step '" + step.name() + "'"));
    }
    return values;
  }

  /** The registry the step's image is pulled from with {@link #credentials}, or null. */
  String registry(StepSpec step) {
    return RegistryLogin.of(step, config, secrets).registry();
  }

  /** The credentials of pulls of the step's image, or null. */
  RegistryCredentials credentials(StepSpec step) {
    return RegistryLogin.of(step, config, secrets).credentials();
  }

  /** Every value to mask in what the step's attempts leave: secrets and the registry password. */
  List<String> redactions(StepSpec step, Map<String, String> secretValues) {
    List<String> all = new ArrayList<>(secretValues.values());
    all.addAll(RegistryLogin.of(step, config, secrets).secretValues());
    return all;
  }

  /**
   * The stored copy of the execution's source directory (if any), then the output artifacts of the
   * step's dependencies, in extraction order.
   */
  static List<ArtifactRef> inputs(Execution execution, StepSpec step) {
    List<ArtifactRef> refs = new ArrayList<>();
    ArtifactRef source = SourceArtifact.of(execution.params());
    if (source != null) {
      refs.add(source);
    }
    for (String dependency : step.dependsOn()) {
      refs.addAll(execution.step(dependency).outputs());
    }
    return refs;
  }

  StepRequest build(
      Execution execution,
      StepSpec step,
      int attempt,
      Duration timeout,
      Map<String, String> secretValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.OWNER, ownerId);
    labels.put(Labels.TASK, execution.taskId().value());
    labels.put(Labels.WORKFLOW, execution.workflowId().value());
    labels.put(Labels.EXECUTION, execution.id().value());
    labels.put(Labels.STEP, step.name());
    labels.put(Labels.ATTEMPT, Integer.toString(attempt));
    RegistryLogin login = RegistryLogin.of(step, config, secrets);
    Map<String, String> env = new LinkedHashMap<>(step.env());
    env.putAll(secretValues);
    env.put(ATTEMPT_ENV, Integer.toString(attempt));
    List<Path> inputs = new ArrayList<>();
    for (ArtifactRef ref : inputs(execution, step)) {
      inputs.add(artifacts.locate(ref));
    }
    return new StepRequest(
        labels,
        step.name(),
        step.image(),
        step.command().argv(),
        env,
        step.workdir(),
        step.user(),
        step.resources().orElse(config.runtime().defaultResources()),
        step.network(),
        inputs,
        step.outputs(),
        timeout,
        login.registry(),
        login.credentials(),
        redactions(step, secretValues),
        !"false".equalsIgnoreCase(String.valueOf(execution.params().get("use_circuit_breaker"))));
  }
}
