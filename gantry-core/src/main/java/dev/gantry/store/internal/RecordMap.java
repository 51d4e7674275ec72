package dev.gantry.store.internal;

import dev.gantry.NotFoundException;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The records of one kind held by the in-memory store, with the {@link dev.gantry.store.Store}
 * rules for versions. Not thread-safe: the store guards it.
 *
 * @param <T> the record type
 */
public final class RecordMap<T> {
  private final String kind;
  private final Function<T, String> id;
  private final ToLongFunction<T> version;
  private final BiFunction<T, Long, T> withVersion;
  private final Comparator<T> order;
  private final Map<String, T> byId = new HashMap<>();

  public RecordMap(
      String kind,
      Function<T, String> id,
      ToLongFunction<T> version,
      BiFunction<T, Long, T> withVersion,
      Comparator<T> order) {
    this.kind = kind;
    this.id = id;
    this.version = version;
    this.withVersion = withVersion;
    this.order = order;
  }

  /** A map for records without a version (they are inserted, never updated). */
  public static <T> RecordMap<T> unversioned(
      String kind, Function<T, String> id, Comparator<T> order) {
    return new RecordMap<>(kind, id, r -> 0, (r, v) -> r, order);
  }

  public T insert(T record) {
    String key = id.apply(record);
    if (byId.containsKey(key)) {
      throw new DuplicateIdException(kind, key);
    }
    T stored = withVersion.apply(record, 1L);
    byId.put(key, stored);
    return stored;
  }

  public Optional<T> find(String key) {
    return Optional.ofNullable(byId.get(key));
  }

  public T update(T record) {
    String key = id.apply(record);
    T current = byId.get(key);
    if (current == null) {
      throw new NotFoundException(kind, key);
    }
    long expected = version.applyAsLong(record);
    if (version.applyAsLong(current) != expected) {
      throw new StaleVersionException(kind, key, expected);
    }
    T stored = withVersion.apply(record, expected + 1);
    byId.put(key, stored);
    return stored;
  }

  public List<T> list(Predicate<? super T> filter) {
    return byId.values().stream().filter(filter).sorted(order).toList();
  }

  public boolean delete(String key) {
    return byId.remove(key) != null;
  }

  public void deleteIf(Predicate<? super T> filter) {
    byId.values().removeIf(filter);
  }
}
