package dev.gantry.secret;

import dev.gantry.GantryException;
import dev.gantry.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves secret names to values from the config's {@code secrets} section: {@code env:NAME} reads
 * an environment variable, {@code file:PATH} reads a file (trailing newline removed).
 */
public final class SecretResolver {
  private final Map<String, String> providers;
  private final Map<String, String> environment;

  public SecretResolver(Map<String, String> providers, Map<String, String> environment) {
    this.providers = Map.copyOf(providers);
    this.environment = Map.copyOf(environment);
  }

  /** The value of secret {@code name}, needed by {@code who} (e.g. "step 'build'"). */
  public String resolve(String name, String who) {
    String provider = providers.get(name);
    if (provider == null) {
      throw new InvalidInputException(
          who + " secrets",
          "secret '"
              + name
              + "' is not defined; add it to the config's 'secrets' section"
              + " (e.g. "
              + name
              + ": env:"
              + name
              + ")");
    }
    if (provider.startsWith("env:")) {
      String value = environment.get(provider.substring(4));
      if (value == null) {
        throw new GantryException(
            "secret '"
                + name
                + "' ("
                + who
                + "): environment variable "
                + provider.substring(4)
                + " is not set");
      }
      return value;
    }
    if (provider.startsWith("file:")) {
      Path file = Path.of(provider.substring(5));
      try {
        return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
      } catch (IOException e) {
        throw new GantryException(
            "secret '" + name + "' (" + who + "): cannot read " + file + ": " + e.getMessage());
      }
    }
    throw new InvalidInputException(
        "secrets." + name, "expected env:NAME or file:PATH, got '" + provider + "'");
  }
}
