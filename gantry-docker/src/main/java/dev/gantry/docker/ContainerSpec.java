package dev.gantry.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Docker create-container request for one step, as plain values. Built by {@link
 * ContainerSpecMapper}; {@link #applyTo} is the one place they become docker-java calls.
 *
 * @param entrypoint replaces the image's entrypoint; empty keeps the image's entrypoint and command
 * @param cmd the arguments after the entrypoint
 * @param env {@code NAME=value} entries, in the request's order
 * @param workdir working directory, or null for the image's
 * @param user user (name or uid[:gid]), or null for the image's
 * @param networkMode {@code none} or {@code bridge}
 * @param memoryBytes memory limit; swap is limited to the same value, so there is no swap
 * @param nanoCpus CPU limit in billionths of a CPU
 * @param capDrop capabilities dropped ({@code ALL})
 * @param securityOpts e.g. {@code no-new-privileges}
 */
public record ContainerSpec(
    String image,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String workdir,
    String user,
    Map<String, String> labels,
    String networkMode,
    long memoryBytes,
    long nanoCpus,
    long pidsLimit,
    boolean privileged,
    List<String> capDrop,
    List<String> securityOpts,
    String logDriver,
    Map<String, String> logOptions) {
  public ContainerSpec {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    capDrop = List.copyOf(capDrop);
    securityOpts = List.copyOf(securityOpts);
    logOptions = Map.copyOf(logOptions);
  }

  /** The host config: limits, security options, network, logging; no binds, no auto-remove. */
  public HostConfig hostConfig() {
    return HostConfig.newHostConfig()
        .withPrivileged(privileged)
        .withCapDrop(capDrop.stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withSecurityOpts(securityOpts)
        .withNetworkMode(networkMode)
        .withMemory(memoryBytes)
        .withMemorySwap(memoryBytes)
        .withNanoCPUs(nanoCpus)
        .withPidsLimit(pidsLimit)
        .withAutoRemove(false)
        .withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(logDriver), logOptions));
  }

  /** Sets these fields on a create-container command. */
  public CreateContainerCmd applyTo(CreateContainerCmd cmd) {
    CreateContainerCmd c =
        cmd.withImage(image)
            .withEnv(env)
            .withLabels(labels)
            .withHostConfig(hostConfig())
            .withNetworkDisabled(networkMode.equals("none"))
            .withTty(false)
            .withAttachStdin(false)
            .withStdinOpen(false);
    if (!entrypoint.isEmpty()) {
      c = c.withEntrypoint(entrypoint).withCmd(this.cmd);
    }
    if (workdir != null) {
      c = c.withWorkingDir(workdir);
    }
    if (user != null) {
      c = c.withUser(user);
    }
    return c;
  }
}
