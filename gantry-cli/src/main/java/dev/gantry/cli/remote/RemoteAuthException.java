package dev.gantry.cli.remote;

import dev.gantry.GantryException;

/** The server answered 401 or 403: the token is missing, wrong, expired or lacks a scope. */
public final class RemoteAuthException extends GantryException {
  private final int status;

  public RemoteAuthException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
