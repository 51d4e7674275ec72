package dev.gantry.jdbc;

import dev.gantry.store.ExecutionLease;
import dev.gantry.workflow.ExecutionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code leases} table. A claim is one conditional {@code UPDATE} (taken only when expired or
 * already ours) or, when there is no row, an {@code INSERT} that the primary key makes fail for all
 * but one of several concurrent claimers.
 */
final class LeaseTable {
  private LeaseTable() {}

  static boolean claim(Connection c, ExecutionId id, String owner, Instant until, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE leases SET owner = ?, expires_at = ? WHERE execution_id = ?"
                + " AND (owner = ? OR expires_at <= ?)")) {
      ps.setString(1, owner);
      ps.setLong(2, until.toEpochMilli());
      ps.setString(3, id.value());
      ps.setString(4, owner);
      ps.setLong(5, now.toEpochMilli());
      if (ps.executeUpdate() == 1) {
        return true;
      }
    }
    if (find(c, id).isPresent()) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO leases (execution_id, owner, expires_at) VALUES (?, ?, ?)")) {
      ps.setString(1, id.value());
      ps.setString(2, owner);
      ps.setLong(3, until.toEpochMilli());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  static int renew(Connection c, String owner, Instant until) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE leases SET expires_at = ? WHERE owner = ?")) {
      ps.setLong(1, until.toEpochMilli());
      ps.setString(2, owner);
      return ps.executeUpdate();
    }
  }

  static boolean release(Connection c, ExecutionId id, String owner) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM leases WHERE execution_id = ? AND owner = ?")) {
      ps.setString(1, id.value());
      ps.setString(2, owner);
      return ps.executeUpdate() == 1;
    }
  }

  static Optional<ExecutionLease> find(Connection c, ExecutionId id) throws SQLException {
    List<ExecutionLease> found =
        select(c, "SELECT execution_id, owner, expires_at FROM leases WHERE execution_id = ?", id);
    return found.stream().findFirst();
  }

  static List<ExecutionLease> list(Connection c) throws SQLException {
    return select(
        c, "SELECT execution_id, owner, expires_at FROM leases ORDER BY execution_id", null);
  }

  private static List<ExecutionLease> select(Connection c, String sql, ExecutionId id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setString(1, id.value());
      }
      List<ExecutionLease> leases = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          leases.add(
              new ExecutionLease(
                  ExecutionId.of(rs.getString(1)),
                  rs.getString(2),
                  Instant.ofEpochMilli(rs.getLong(3))));
        }
      }
      return leases;
    }
  }
}
