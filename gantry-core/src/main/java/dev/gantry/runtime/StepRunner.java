package dev.gantry.runtime;

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

  @Override
  void close();
}
