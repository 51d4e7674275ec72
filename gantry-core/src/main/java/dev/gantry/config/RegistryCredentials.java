package dev.gantry.config;

import dev.gantry.secret.SecretMask;

/** User name and password for a container registry. The password is never printed. */
public record RegistryCredentials(String username, String password) {
  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=" + SecretMask.MASK + "]";
  }
}
