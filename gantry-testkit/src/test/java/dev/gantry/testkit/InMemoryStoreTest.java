package dev.gantry.testkit;

import dev.gantry.store.InMemoryStore;
import dev.gantry.store.Store;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Store createStore() {
    return new InMemoryStore();
  }
}
