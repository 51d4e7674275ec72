package dev.gantry.testkit;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.pipeline.NetworkMode;
import dev.gantry.pipeline.Resources;
import dev.gantry.runtime.StepRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link StepRequest}s for tests: small limits (64 MiB, half a CPU, 64 pids), no network, a
 * 60 s timeout and no inputs, outputs or secrets unless set.
 */
public final class StepRequestBuilder {
  private final String stepName;
  private Map<String, String> labels = Map.of();
  private String image = "busybox:latest";
  private List<String> argv = List.of();
  private Map<String, String> env = new LinkedHashMap<>();
  private String workdir;
  private String user;
  private Resources resources = new Resources(64L * 1024 * 1024, 0.5, 64L);
  private NetworkMode network = NetworkMode.NONE;
  private List<Path> inputs = List.of();
  private List<String> outputs = List.of();
  private Duration timeout = Duration.ofSeconds(60);
  private String registry;
  private RegistryCredentials credentials;
  private List<String> redactions = List.of();

  private StepRequestBuilder(String stepName) {
    this.stepName = stepName;
  }

  public static StepRequestBuilder step(String stepName) {
    return new StepRequestBuilder(stepName);
  }

  public StepRequestBuilder labels(Map<String, String> value) {
    labels = value;
    return this;
  }

  public StepRequestBuilder image(String value) {
    image = value;
    return this;
  }

  public StepRequestBuilder argv(String... value) {
    argv = List.of(value);
    return this;
  }

  /** Runs {@code script} with {@code sh -c}. */
  public StepRequestBuilder shell(String script) {
    return argv("sh", "-c", script);
  }

  public StepRequestBuilder env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public StepRequestBuilder workdir(String value) {
    workdir = value;
    return this;
  }

  public StepRequestBuilder user(String value) {
    user = value;
    return this;
  }

  public StepRequestBuilder resources(Resources value) {
    resources = value;
    return this;
  }

  public StepRequestBuilder network(NetworkMode value) {
    network = value;
    return this;
  }

  public StepRequestBuilder inputs(Path... value) {
    inputs = List.of(value);
    return this;
  }

  public StepRequestBuilder outputs(String... value) {
    outputs = List.of(value);
    return this;
  }

  public StepRequestBuilder timeout(Duration value) {
    timeout = value;
    return this;
  }

  public StepRequestBuilder registry(String value, RegistryCredentials creds) {
    registry = value;
    credentials = creds;
    return this;
  }

  public StepRequestBuilder redactions(String... value) {
    redactions = List.of(value);
    return this;
  }

  public StepRequest build() {
    return new StepRequest(
        labels,
        stepName,
        image,
        argv,
        env,
        workdir,
        user,
        resources,
        network,
        inputs,
        outputs,
        timeout,
        registry,
        credentials,
        redactions);
  }
}
