package dev.gantry.testkit.store;

import dev.gantry.store.Store;

/** Gives the parts of the store contract the store of the current test. */
public interface StoreUnderTest {
  /** The store opened for the current test. */
  Store store();
}
