package dev.gantry.jdbc;

import dev.gantry.NotFoundException;
import dev.gantry.internal.Json;
import dev.gantry.store.DuplicateIdException;
import dev.gantry.store.StaleVersionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * A table of records kept as JSON in a {@code doc} column, next to a key column, an optional {@code
 * version} column for optimistic locking and the columns the store filters on.
 *
 * @param <T> the record type
 */
final class DocTable<T> {
  /** How a versioned record reads and sets its version. */
  record Versioning<T>(ToLongFunction<T> version, BiFunction<T, Long, T> withVersion) {}

  private final String kind;
  private final String table;
  private final String key;
  private final Class<T> type;
  private final Function<T, String> id;
  private final Versioning<T> versioning;
  private final Comparator<T> order;
  private final List<Column<T>> columns;
  private final String insertSql;
  private final String updateSql;

  DocTable(
      String kind,
      String table,
      String key,
      Class<T> type,
      Function<T, String> id,
      Versioning<T> versioning,
      Comparator<T> order,
      List<Column<T>> columns) {
    this.kind = kind;
    this.table = table;
    this.key = key;
    this.type = type;
    this.id = id;
    this.versioning = versioning;
    this.order = order;
    this.columns = List.copyOf(columns);
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(c.name()));
    if (versioning != null) {
      names.add("version");
    }
    names.add("doc");
    this.insertSql =
        "INSERT INTO "
            + table
            + " ("
            + key
            + ", "
            + String.join(", ", names)
            + ") VALUES (?"
            + ", ?".repeat(names.size())
            + ")";
    this.updateSql =
        "UPDATE "
            + table
            + " SET "
            + names.stream().map(n -> n + " = ?").collect(Collectors.joining(", "))
            + " WHERE "
            + key
            + " = ?"
            + (versioning == null ? "" : " AND version = ?");
  }

  String kind() {
    return kind;
  }

  /** Inserts {@code record} with version 1 and returns what was stored. */
  T insert(Connection c, T record) throws SQLException {
    T stored = versioning == null ? record : versioning.withVersion().apply(record, 1L);
    try (PreparedStatement ps = c.prepareStatement(insertSql)) {
      ps.setString(1, id.apply(stored));
      bindValues(ps, 2, stored);
      ps.executeUpdate();
      return stored;
    } catch (SQLException e) {
      if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new DuplicateIdException(kind, id.apply(record));
      }
      throw e;
    }
  }

  /**
   * Stores {@code record} if its version is the stored one, with that version + 1; throws {@link
   * StaleVersionException} (or {@link NotFoundException}) and changes nothing otherwise.
   */
  T update(Connection c, T record) throws SQLException {
    long expected = versioning.version().applyAsLong(record);
    T stored = versioning.withVersion().apply(record, expected + 1);
    String recordId = id.apply(record);
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      int next = bindValues(ps, 1, stored);
      ps.setString(next, recordId);
      ps.setLong(next + 1, expected);
      if (ps.executeUpdate() == 1) {
        return stored;
      }
    }
    if (find(c, recordId).isEmpty()) {
      throw new NotFoundException(kind, recordId);
    }
    throw new StaleVersionException(kind, recordId, expected);
  }

  /** Replaces the row of an unversioned record, or inserts it. */
  void upsert(Connection c, T record) throws SQLException {
    if (replace(c, record)) {
      return;
    }
    try {
      insert(c, record);
    } catch (DuplicateIdException raced) {
      replace(c, record);
    }
  }

  private boolean replace(Connection c, T record) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(updateSql)) {
      int next = bindValues(ps, 1, record);
      ps.setString(next, id.apply(record));
      return ps.executeUpdate() == 1;
    }
  }

  Optional<T> find(Connection c, String recordId) throws SQLException {
    List<T> found = select(c, "WHERE " + key + " = ?", List.of(recordId));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The records matching {@code where} (SQL after the table name), in the store's order. */
  List<T> select(Connection c, String where, List<?> params) throws SQLException {
    List<T> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM " + table + " " + where)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(Json.read(rs.getString(1), type));
        }
      }
    }
    Collections.sort(found, order);
    return found;
  }

  /** Deletes the row of {@code recordId}; true if there was one. */
  boolean delete(Connection c, String recordId) throws SQLException {
    return Database.update(c, "DELETE FROM " + table + " WHERE " + key + " = ?", recordId) > 0;
  }

  private int bindValues(PreparedStatement ps, int first, T record) throws SQLException {
    int index = first;
    for (Column<T> column : columns) {
      column.bind(ps, index++, record);
    }
    if (versioning != null) {
      ps.setLong(index++, versioning.version().applyAsLong(record));
    }
    ps.setString(index++, Json.write(record));
    return index;
  }
}
