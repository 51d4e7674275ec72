package dev.gantry.dagger;

import dev.gantry.GantryException;
import dev.gantry.runtime.ImageNotFoundException;
import dev.gantry.runtime.RegistryAuthException;
import java.util.List;
import java.util.Locale;

/**
 * Turns the engine's GraphQL errors into Gantry's error types, keeping the engine's message: a
 * missing image is {@link ImageNotFoundException}, a refused registry login {@link
 * RegistryAuthException} (both permanent); errors of the document itself (parse, validation) are
 * permanent {@link GantryException}s; other execution errors are retryable ones.
 */
final class DaggerErrors {
  /** Engine messages that mean the image does not exist or cannot be found. */
  private static final List<String> NOT_FOUND =
      List.of(
          "not found",
          "manifest unknown",
          "name unknown",
          "no such host",
          "failed to resolve source metadata",
          "failed to resolve reference",
          "repository does not exist",
          "invalid reference format");

  /** Engine messages that mean the registry wants (other) credentials. */
  private static final List<String> UNAUTHORIZED =
      List.of("unauthorized", "authentication required", "denied", "401 ");

  private DaggerErrors() {}

  /**
   * The exception for a response with errors.
   *
   * @param what what was being done, e.g. "run step build"
   * @param image the image the document starts from, or null
   */
  static GantryException of(String what, String image, GraphQLResponse response) {
    GraphQLError first = response.errors().get(0);
    String messages = response.errorMessages();
    for (GraphQLError error : response.errors()) {
      boolean aboutImage = image != null && aboutImage(error, image);
      String m = error.message().toLowerCase(Locale.ROOT);
      if (aboutImage && contains(m, UNAUTHORIZED)) {
        return new RegistryAuthException(
            "The registry refused to let the Dagger engine pull image "
                + image
                + " to "
                + what
                + ": "
                + error.message()
                + ". Set registry_credentials on the step, or container_registry and"
                + " container_credentials in the configuration.",
            null);
      }
      if (aboutImage && contains(m, NOT_FOUND)) {
        return new ImageNotFoundException(
            "Image " + image + " was not found by the Dagger engine (" + error.message() + ")",
            null);
      }
    }
    boolean documentError = response.errors().stream().allMatch(e -> e.path().isEmpty());
    return new GantryException(
        "The Dagger engine failed to "
            + what
            + (first.path().isEmpty() ? "" : " at " + String.join(".", first.path()))
            + ": "
            + messages,
        null,
        !documentError);
  }

  /**
   * True when the error is about pulling the image: reported at {@code from} (or {@code imageRef}
   * just below it), or naming the image. An error deeper in the chain (an exec, an export) is not,
   * even though every field of the step's chain nests under {@code from}.
   */
  static boolean aboutImage(GraphQLError error, String image) {
    List<String> path = error.path();
    if (!path.isEmpty()) {
      String last = path.get(path.size() - 1);
      if (last.equals("from")
          || last.equals("imageRef")
              && path.size() >= 2
              && path.get(path.size() - 2).equals("from")) {
        return true;
      }
    }
    return error.under("from") && error.message().contains(image);
  }

  private static boolean contains(String message, List<String> needles) {
    return needles.stream().anyMatch(message::contains);
  }
}
