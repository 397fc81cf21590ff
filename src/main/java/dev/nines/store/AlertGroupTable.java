package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage of alert groups ({@code alert_group} and {@code alert_group_member}, migration V61):
 * reads, and writes guarded by the group's version that commit its members and the outbox rows
 * of its message in the same transaction. A member is written by itself, so an alert joining a
 * large group costs one row, not the whole group.
 */
final class AlertGroupTable {
  private AlertGroupTable() {}

  static List<StoredAlertGroup> groups(Jdbc jdbc, String key, Instant dueBy) {
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

  static List<StoredAlertGroupMember> members(Jdbc jdbc, String key, String id) {
    String sql = "SELECT member_id, notification, told FROM alert_group_member WHERE "
        + "group_key = ?" + (id == null ? "" : " AND member_id = ?") + " ORDER BY member_id";
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, key);
        if (id != null) {
          ps.setString(2, id);
        }
        List<StoredAlertGroupMember> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredAlertGroupMember(rs.getString(1), rs.getString(2),
                rs.getString(3)));
          }
        }
        return out;
      }
    });
  }

  /**
   * Writes {@code group} (deletes it and its members when {@code delete}) if its stored
   * version is still {@code group.version()} (0: not stored), writes and removes members, and
   * adds {@code rows} to the outbox, all in one transaction; nothing when the version moved on.
   */
  static boolean save(Jdbc jdbc, StoredAlertGroup group, boolean delete,
      List<StoredAlertGroupMember> upserts, List<String> removed, List<OutboxMessage> rows) {
    return jdbc.transaction(c -> {
      if (!write(c, group, delete)) {
        return false;           // nothing was written
      }
      if (delete) {
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM alert_group_member WHERE group_key = ?")) {
          ps.setString(1, group.key());
          ps.executeUpdate();
        }
      } else {
        upsert(c, group.key(), upserts);
        remove(c, group.key(), removed);
      }
      if (!rows.isEmpty()) {
        OutboxTable.enqueue(c, rows);
      }
      return true;
    });
  }

  private static void upsert(Connection c, String key, List<StoredAlertGroupMember> members)
      throws SQLException {
    if (members.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_group_member (group_key, "
        + "member_id, notification, told) VALUES (?, ?, ?, ?) ON CONFLICT (group_key, "
        + "member_id) DO UPDATE SET notification = excluded.notification, told = excluded.told")) {
      for (StoredAlertGroupMember m : members) {
        ps.setString(1, key);
        ps.setString(2, m.id());
        ps.setString(3, m.notification());
        ps.setString(4, m.told());
        ps.executeUpdate();
      }
    }
  }

  private static void remove(Connection c, String key, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM alert_group_member WHERE group_key = ? AND member_id = ?")) {
      for (String id : ids) {
        ps.setString(1, key);
        ps.setString(2, id);
        ps.executeUpdate();
      }
    }
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
