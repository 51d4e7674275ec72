package dev.gantry.runtime;

import dev.gantry.GantryException;

/**
 * The registry refused to let an image be pulled: no credentials were sent for it, or the ones sent
 * were rejected ("unauthorized"). Permanent: trying again with the same credentials cannot help.
 * The message names the image, the registry and the key to set; it never holds a password.
 */
public class RegistryAuthException extends GantryException {
  public RegistryAuthException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
