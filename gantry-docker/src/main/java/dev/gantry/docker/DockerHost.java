package dev.gantry.docker;

import java.util.Map;

/**
 * Which Docker engine to talk to and where that choice came from, for error messages.
 *
 * @param uri e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
 * @param source {@code runtime.docker_host}, {@code DOCKER_HOST} or {@code default}
 */
public record DockerHost(String uri, String source) {
  /** The local engine's socket, used when neither the config nor the environment names one. */
  public static final String DEFAULT_URI = "unix:///var/run/docker.sock";

  /**
   * The configured address ({@code runtime.docker_host}), else {@code DOCKER_HOST} from {@code
   * env}, else the local socket.
   */
  public static DockerHost resolve(String configured, Map<String, String> env) {
    if (configured != null && !configured.isBlank()) {
      return new DockerHost(configured.trim(), "runtime.docker_host");
    }
    String fromEnv = env.get("DOCKER_HOST");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DockerHost(fromEnv.trim(), "DOCKER_HOST");
    }
    return new DockerHost(DEFAULT_URI, "default");
  }

  /** {@code DOCKER_HOST} of this process, else the local socket. */
  public static DockerHost fromEnvironment() {
    return resolve(null, System.getenv());
  }

  @Override
  public String toString() {
    return uri + " (from " + source + ")";
  }
}
