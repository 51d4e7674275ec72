package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.config.StoreConfig;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MemoryStoreProviderTest {
  @Test
  void isFoundByNameThroughServiceLoader() {
    StoreProvider provider =
        ServiceLoader.load(StoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("memory"))
            .findFirst()
            .orElseThrow();
    try (Store store =
        provider.open(new StoreConfig("memory", null, null, null), Path.of("unused"))) {
      assertThat(store).isInstanceOf(InMemoryStore.class);
      assertThat(store.listProjects()).isEmpty();
    }
  }
}
