package dev.gantry.config;

import dev.gantry.secret.SecretMask;

/**
 * The {@code store} section. {@code type} is {@code jdbc} (default) or {@code memory}; {@code url}
 * is a JDBC URL, by default an H2 file {@code <data_directory>/gantry} .
 */
public record StoreConfig(String type, String url, String username, String password) {
  public static final StoreConfig DEFAULT = new StoreConfig("jdbc", null, null, null);

  public StoreConfig {
    type = type == null ? "jdbc" : type;
  }

  @Override
  public String toString() {
    return "StoreConfig[type="
        + type
        + ", url="
        + url
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : SecretMask.MASK)
        + "]";
  }
}
