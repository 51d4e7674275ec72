package dev.gantry.store;

import dev.gantry.config.StoreConfig;
import java.nio.file.Path;

/** Opens an {@link InMemoryStore} ({@code store.type: memory}); nothing survives a restart. */
public final class MemoryStoreProvider implements StoreProvider {
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Store open(StoreConfig config, Path dataDirectory) {
    return new InMemoryStore();
  }
}
