package dev.gantry.jdbc;

import dev.gantry.internal.Json;
import dev.gantry.store.SequencedTransition;
import dev.gantry.workflow.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The append-only {@code transitions} table; {@code seq} keeps the order of appends. */
final class TransitionLog {
  private TransitionLog() {}

  static void append(Connection c, Transition t) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transitions (entity_id, happened_at, doc) VALUES (?, ?, ?)")) {
      ps.setString(1, t.entityId());
      Long at = Column.toMillis(t.at());
      if (at == null) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, at);
      }
      ps.setString(3, Json.write(t));
      ps.executeUpdate();
    }
  }

  static List<Transition> list(Connection c, String entityId) throws SQLException {
    List<Transition> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT doc FROM transitions WHERE entity_id = ? ORDER BY seq")) {
      ps.setString(1, entityId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(Json.read(rs.getString(1), Transition.class));
        }
      }
    }
    return found;
  }

  static List<SequencedTransition> after(Connection c, long afterSeq, int limit)
      throws SQLException {
    List<SequencedTransition> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT seq, doc FROM transitions WHERE seq > ? ORDER BY seq")) {
      ps.setLong(1, afterSeq);
      ps.setMaxRows(limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(
              new SequencedTransition(rs.getLong(1), Json.read(rs.getString(2), Transition.class)));
        }
      }
    }
    return found;
  }
}
