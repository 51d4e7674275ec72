package dev.gantry.runtime;

import dev.gantry.config.RegistryCredentials;
import dev.gantry.resilience.CircuitBreakerInfo;
import java.util.List;

/**
 * Runs one step to completion in a container. Implementations: Docker ({@code gantry-docker});
 * later Dagger and Kubernetes. Found with {@link java.util.ServiceLoader} through {@link
 * StepRunnerProvider}. Every implementation passes {@code StepRunnerContract} in {@code
 * gantry-testkit}.
 *
 * <p>{@link #run} is cancellable: interrupting the calling thread stops and removes the container
 * and makes {@code run} throw {@link StepCancelledException}. The container is always removed
 * before {@code run} returns or throws.
 */
public interface StepRunner extends AutoCloseable {
  /** The runtime's name, e.g. {@code docker}. */
  String name();

  /**
   * Checks that the engine answers. Throws {@link RuntimeUnavailableException} saying how to start
   * one if it does not.
   */
  void ping();

  /**
   * Runs the step: pulls the image if missing, creates the container with the request's labels and
   * Gantry's security defaults, extracts the input archives at {@code /}, starts it, collects
   * stdout/stderr (bounded, tail kept), waits for it up to the request's timeout (then kills it and
   * reports {@code timedOut}), copies the declared outputs out and removes the container.
   *
   * @throws ImageNotFoundException the image is neither present nor pullable (permanent)
   * @throws RuntimeUnavailableException the engine cannot be reached (retryable)
   * @throws StepCancelledException the calling thread was interrupted
   */
  StepOutcome run(StepRequest request);

  /**
   * The id of the image {@code image} names on the engine (e.g. {@code sha256:…}), pulling it first
   * if it is missing (with {@code credentials} when it comes from {@code registry}, as {@link #run}
   * does). The step cache keys on it, so a new image under the same tag invalidates cached steps.
   *
   * <p>The default says the runtime cannot resolve images; the step cache is then off for it.
   *
   * @throws ImageNotFoundException the image is neither present nor pullable (permanent)
   * @throws RuntimeUnavailableException the engine cannot be reached (retryable)
   * @throws UnsupportedOperationException the runtime cannot tell image ids
   */
  default String resolveImage(String image, String registry, RegistryCredentials credentials) {
    throw new UnsupportedOperationException(
        "the " + name() + " runtime cannot resolve image ids; steps run without the step cache");
  }

  /**
   * The step containers on the engine that carry a {@link Labels#OWNER} label (any owner) and every
   * label in {@code labels}, running or not. Recovery after a crash finds an attempt's container
   * with it, and orphans (containers of no live attempt) are found with it.
   *
   * <p>The default says the runtime cannot do this; recovery then reruns such steps.
   *
   * @throws UnsupportedOperationException the runtime cannot list its containers by label
   */
  default java.util.List<StepContainer> findStepContainers(java.util.Map<String, String> labels) {
    throw new UnsupportedOperationException(
        "the " + name() + " runtime cannot find step containers by label; recovery reruns steps");
  }

  /**
   * Re-attaches to the container {@code containerId} of {@code request}'s attempt (found with
   * {@link #findStepContainers}, started by another, dead instance) and finishes the attempt as
   * {@link #run} would: waits for it up to the request's timeout (then kills it), collects its logs
   * and exit, copies the declared outputs out and removes the container. Cancellable like {@link
   * #run}.
   *
   * @throws UnsupportedOperationException the runtime cannot re-attach to containers
   */
  default StepOutcome attach(String containerId, StepRequest request) {
    throw new UnsupportedOperationException(
        "the " + name() + " runtime cannot re-attach to container " + containerId);
  }

  /**
   * Removes the step container {@code containerId} (killing it if it runs); an unknown id is no
   * error.
   *
   * @throws UnsupportedOperationException the runtime cannot remove containers by id
   */
  default void removeContainer(String containerId) {
    throw new UnsupportedOperationException(
        "the " + name() + " runtime cannot remove container " + containerId);
  }

  /** State and counters of this runtime's circuit breakers (one per endpoint); none by default. */
  default List<CircuitBreakerInfo> circuitBreakers() {
    return List.of();
  }

  @Override
  void close();
}
