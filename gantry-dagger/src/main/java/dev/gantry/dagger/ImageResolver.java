package dev.gantry.dagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.GantryException;
import java.time.Duration;

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
      GraphQLResponse response =
          client.execute(StepDocuments.registrySecret(auth), timeout, useBreaker);
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
    // container { withRegistryAuth? { from { imageRef } } }: wherever the chain put it
    JsonNode found = response.data().findValue("imageRef");
    String ref = found == null ? "" : found.asText("");
    if (ref.isEmpty()) {
      throw new GantryException(
          "The Dagger engine returned no imageRef for image " + image, null, true);
    }
    return ref;
  }
}
