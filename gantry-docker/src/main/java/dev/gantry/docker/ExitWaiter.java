package dev.gantry.docker;

import com.github.dockerjava.api.model.WaitResponse;

/** Receives the result of {@code POST /containers/{id}/wait}. */
final class ExitWaiter extends StreamCallback<WaitResponse> {
  private volatile Integer statusCode;

  @Override
  public void onNext(WaitResponse response) {
    statusCode = response.getStatusCode();
  }

  /** The exit code the engine reported, or null when it has not (yet). */
  Integer statusCode() {
    return statusCode;
  }
}
