package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.gantry.runtime.RuntimeUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * A connection to one Docker engine through docker-java's zerodep transport. It holds two clients:
 * {@link #calls()} for request/response calls, with a finite connect ({@value
 * #CONNECT_TIMEOUT_SECONDS} s) and response ({@value #RESPONSE_TIMEOUT_SECONDS} s) timeout, and
 * {@link #streams()} for long-lived streams (wait, follow logs, pull progress) whose response may
 * legitimately stay silent for as long as a step runs; every use of it is bounded by the caller's
 * own deadline and closed after it.
 */
public final class DockerEngine implements AutoCloseable {
  public static final int CONNECT_TIMEOUT_SECONDS = 5;
  public static final int RESPONSE_TIMEOUT_SECONDS = 120;

  private final DockerHost host;
  private final DockerClient calls;
  private final DockerClient streams;

  private DockerEngine(DockerHost host) {
    this.host = host;
    URI uri = URI.create(host.uri());
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host.uri()).build();
    this.calls =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS))
                .responseTimeout(Duration.ofSeconds(RESPONSE_TIMEOUT_SECONDS))
                .build());
    this.streams =
        DockerClientImpl.getInstance(
            config,
            new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS))
                .build());
  }

  /** A connection to {@code host}; nothing is sent until the first call. */
  public static DockerEngine connect(DockerHost host) {
    return new DockerEngine(host);
  }

  public DockerHost host() {
    return host;
  }

  /** The client for request/response calls (finite timeouts). */
  public DockerClient calls() {
    return calls;
  }

  /** The client for streams the caller bounds itself (wait, logs, pull). */
  public DockerClient streams() {
    return streams;
  }

  /**
   * Checks that the engine answers.
   *
   * @throws RuntimeUnavailableException it does not, with how to start one
   */
  public void ping() {
    try {
      calls.pingCmd().exec();
    } catch (RuntimeException e) {
      throw unreachable(e) ? unavailable(e) : e;
    }
  }

  /**
   * True when {@code failure} means the engine could not be reached (connection refused, no socket,
   * I/O error), not that it answered with an error.
   */
  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DockerException) {
        return false;
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  /** The error users see when the engine cannot be reached. */
  RuntimeUnavailableException unavailable(Throwable cause) {
    return new RuntimeUnavailableException(
        "Cannot reach the Docker engine at "
            + host
            + ": "
            + rootMessage(cause)
            + ". Start an engine (e.g. 'sudo systemctl start docker', or 'sudo dockerd &' where"
            + " there is no systemd) or point DOCKER_HOST or runtime.docker_host at a running one,"
            + " then check with 'docker info'.",
        cause);
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    try {
      calls.close();
      streams.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the Docker client of " + host, e);
    }
  }
}
