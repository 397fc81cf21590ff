package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage of alert groups ({@code alert_group}, migration V61): reads, and writes guarded by
 * the group's version that commit the outbox rows of its message in the same transaction.
 */
final class AlertGroupTable {
  private AlertGroupTable() {}

  static List<StoredAlertGroup> all(Jdbc jdbc, String key, Instant dueBy) {
    StringBuilder sql = new StringBuilder("SELECT group_key, state, next_flush_at, version "
        + "FROM alert_group WHERE 1 = 1");
    if (key != null) {
      sql.append(" AND group_key = ?");
    }
    if (dueBy != null) {
      sql.append(" AND next_flush_at <= ?");
    }
    sql.append(" ORDER BY next_flush_at, group_key");
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int i = 1;
        if (key != null) {
          ps.setString(i++, key);
        }
        if (dueBy != null) {
          ps.setLong(i, dueBy.toEpochMilli());
        }
        List<StoredAlertGroup> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredAlertGroup(rs.getString(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4)));
          }
        }
        return out;
      }
    });
  }

  /**
   * Writes {@code group} (deletes it when {@code delete}) if its stored version is still
   * {@code group.version()} (0: not stored), and adds {@code rows} to the outbox, all in one
   * transaction; nothing when the version moved on.
   */
  static boolean save(Jdbc jdbc, StoredAlertGroup group, boolean delete,
      List<OutboxMessage> rows) {
    return jdbc.transaction(c -> {
      if (!write(c, group, delete)) {
        return false;
      }
      if (!rows.isEmpty()) {
        OutboxTable.enqueue(c, rows);
      }
      return true;
    });
  }

  private static boolean write(Connection c, StoredAlertGroup g, boolean delete)
      throws SQLException {
    if (g.version() == 0) {
      if (delete) {
        return true;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_group (group_key, state, "
          + "next_flush_at, version) VALUES (?, ?, ?, 1) ON CONFLICT (group_key) DO NOTHING")) {
        ps.setString(1, g.key());
        ps.setString(2, g.state());
        ps.setLong(3, g.nextFlushAt().toEpochMilli());
        return ps.executeUpdate() == 1;
      }
    }
    String sql = delete ? "DELETE FROM alert_group WHERE group_key = ? AND version = ?"
        : "UPDATE alert_group SET state = ?, next_flush_at = ?, version = version + 1 "
            + "WHERE group_key = ? AND version = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (!delete) {
        ps.setString(i++, g.state());
        ps.setLong(i++, g.nextFlushAt().toEpochMilli());
      }
      ps.setString(i++, g.key());
      ps.setLong(i, g.version());
      return ps.executeUpdate() == 1;
    }
  }
}
