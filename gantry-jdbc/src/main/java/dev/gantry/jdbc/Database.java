package dev.gantry.jdbc;

import dev.gantry.GantryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import javax.sql.DataSource;

/** Runs JDBC work on a pooled connection, in one transaction where asked. */
final class Database {
  /** SQL state of a unique or primary key violation, in H2 and PostgreSQL alike. */
  static final String UNIQUE_VIOLATION = "23505";

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} with auto-commit: each statement is its own transaction. */
  <T> T run(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed or none of it. */
  <T> T transaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Executes {@code sql} with {@code param} bound to each of its placeholders. */
  static int update(Connection c, String sql, Object param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      long count = sql.chars().filter(ch -> ch == '?').count();
      for (int i = 1; i <= count; i++) {
        ps.setObject(i, param);
      }
      return ps.executeUpdate();
    }
  }

  private static GantryException failure(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean transientFailure =
        e instanceof SQLTransientException || state.startsWith("08") || state.startsWith("40");
    return new GantryException(
        "store: could not " + what + ": " + e.getMessage() + " (SQL state " + state + ")",
        e,
        transientFailure);
  }
}
