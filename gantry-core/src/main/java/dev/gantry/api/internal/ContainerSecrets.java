package dev.gantry.api.internal;

import dev.gantry.GantryException;
import dev.gantry.secret.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values masked in a managed container's logs: those of its environment variables whose names
 * look secret ({@code *_TOKEN}, {@code *PASSWORD*}, ...) and those of the config's {@code secrets}
 * that resolve (a secret whose variable or file is missing is skipped).
 */
public final class ContainerSecrets {
  private final Map<String, String> providers;
  private final SecretResolver resolver;

  public ContainerSecrets(Map<String, String> providers, Map<String, String> environment) {
    this.providers = Map.copyOf(providers);
    this.resolver = new SecretResolver(providers, environment);
  }

  /** The values to mask for a container created with {@code containerEnv}. */
  public List<String> values(Map<String, String> containerEnv) {
    List<String> values = new ArrayList<>();
    containerEnv.forEach(
        (name, value) -> {
          if (Redaction.secretName(name) && value != null && !value.isEmpty()) {
            values.add(value);
          }
        });
    for (String name : providers.keySet()) {
      try {
        values.add(resolver.resolve(name, "container logs"));
      } catch (GantryException e) {
        // not resolvable here: nothing of it to mask
      }
    }
    return values;
  }
}
