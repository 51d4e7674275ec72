package dev.gantry.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.function.Function;

/**
 * A column that copies one value out of a record so that the store can filter on it.
 *
 * @param <T> the record type
 */
record Column<T>(String name, int sqlType, Function<T, Object> value) {
  static <T> Column<T> text(String name, Function<T, Object> value) {
    return new Column<>(name, Types.VARCHAR, value);
  }

  static <T> Column<T> integer(String name, Function<T, Object> value) {
    return new Column<>(name, Types.INTEGER, value);
  }

  /** An instant as epoch milliseconds (clamped to the range of a long); the doc keeps it exact. */
  static <T> Column<T> millis(String name, Function<T, Instant> value) {
    return new Column<>(name, Types.BIGINT, r -> toMillis(value.apply(r)));
  }

  void bind(PreparedStatement ps, int index, T record) throws SQLException {
    Object v = value.apply(record);
    if (v == null) {
      ps.setNull(index, sqlType);
    } else {
      ps.setObject(index, v, sqlType);
    }
  }

  static Long toMillis(Instant at) {
    if (at == null) {
      return null;
    }
    try {
      return at.toEpochMilli();
    } catch (ArithmeticException e) {
      return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
