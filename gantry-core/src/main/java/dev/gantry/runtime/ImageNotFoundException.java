package dev.gantry.runtime;

import dev.gantry.GantryException;

/** The image is neither present on the engine nor pullable. Permanent. */
public class ImageNotFoundException extends GantryException {
  public ImageNotFoundException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
