package dev.gantry.store;

import dev.gantry.config.StoreConfig;
import java.nio.file.Path;

/**
 * Opens a {@link Store} by name ({@code memory}, {@code jdbc}). Found with {@link
 * java.util.ServiceLoader}.
 */
public interface StoreProvider {
  String name();

  Store open(StoreConfig config, Path dataDirectory);
}
