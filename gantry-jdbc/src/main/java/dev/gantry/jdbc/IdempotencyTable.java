package dev.gantry.jdbc;

import dev.gantry.store.IdempotencyRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code idempotency_keys} table. A reservation deletes the key's expired row, then inserts;
 * the primary key makes the insert fail for all but one of several concurrent reservations.
 */
final class IdempotencyTable {
  private IdempotencyTable() {}

  static boolean reserve(Connection c, String key, Instant expiresAt, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM idempotency_keys WHERE key_hash = ? AND expires_at <= ?")) {
      ps.setString(1, key);
      ps.setLong(2, now.toEpochMilli());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO idempotency_keys (key_hash, answer, expires_at) VALUES (?, NULL, ?)")) {
      ps.setString(1, key);
      ps.setLong(2, expiresAt.toEpochMilli());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  static int complete(Connection c, String key, String answer) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE idempotency_keys SET answer = ? WHERE key_hash = ?")) {
      ps.setString(1, answer);
      ps.setString(2, key);
      return ps.executeUpdate();
    }
  }

  static int release(Connection c, String key) throws SQLException {
    return Database.update(c, "DELETE FROM idempotency_keys WHERE key_hash = ?", key);
  }

  static Optional<IdempotencyRecord> find(Connection c, String key, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT answer, expires_at FROM idempotency_keys WHERE key_hash = ? AND expires_at > ?")) {
      ps.setString(1, key);
      ps.setLong(2, now.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new IdempotencyRecord(key, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
      }
    }
  }

  static int prune(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM idempotency_keys WHERE expires_at <= ?")) {
      ps.setLong(1, now.toEpochMilli());
      return ps.executeUpdate();
    }
  }
}
