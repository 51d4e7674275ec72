package dev.gantry.dagger;

import dev.gantry.GantryException;
import java.time.Duration;
import java.util.List;

/** Pins an image on the engine: {@code container { from(address) { imageRef } } }. */
final class ImageResolver {
  private ImageResolver() {}

  /**
   * The digest-pinned reference of {@code image}, with the registry login (its password sent as a
   * Dagger secret) when there is one.
   */
  static String resolve(
      DaggerClient client,
      String image,
      StepPlan.RegistryAuth auth,
      Duration timeout,
      boolean useBreaker)
      throws DaggerClient.DeadlineExceeded, InterruptedException {
    String secretId = null;
    if (auth != null) {
      Operation op = new Operation(StepDocuments.PREPARE);
      op.select(
          Operation.aliased(
              StepDocuments.REGISTRY,
              "setSecret",
              List.of(
                  op.arg("name", "String!", "gantry/registry/" + auth.username()),
                  op.arg("plaintext", "String!", auth.password())),
              Operation.leaf("id")));
      GraphQLResponse response = client.execute(op.build(), timeout, useBreaker);
      if (response.hasErrors()) {
        throw DaggerErrors.of("store the registry password of image " + image, image, response);
      }
      secretId = StepDocuments.requiredId(response, StepDocuments.REGISTRY, "registry password");
    }
    return resolve(client, image, auth, secretId, timeout, useBreaker);
  }

  /** {@link #resolve} with the login's secret id already known. */
  static String resolve(
      DaggerClient client,
      String image,
      StepPlan.RegistryAuth auth,
      String secretId,
      Duration timeout,
      boolean useBreaker)
      throws DaggerClient.DeadlineExceeded, InterruptedException {
    GraphQLResponse response =
        client.execute(StepDocuments.resolve(image, auth, secretId), timeout, useBreaker);
    if (response.hasErrors()) {
      throw DaggerErrors.of("resolve image " + image, image, response);
    }
    String ref = response.data().path("container").path("from").path("imageRef").asText("");
    if (ref.isEmpty()) {
      throw new GantryException(
          "The Dagger engine returned no imageRef for image " + image, null, true);
    }
    return ref;
  }
}
