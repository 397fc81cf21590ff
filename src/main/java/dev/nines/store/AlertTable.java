package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Storage of open alerts ({@code alert_open}) and their history ({@code alert_history}). */
final class AlertTable {
  private static final String OPEN_COLUMNS = "fingerprint, instance, status, active_since, "
      + "firing_since, last_notified, notified, silenced, condition_json";
  private static final String HISTORY_COLUMNS = "id, instance, fingerprint, kind, severity, "
      + "audience, service, client, subject, region, transition, at, notified, silenced, title, "
      + "condition_json, delivered";

  private AlertTable() {}

  static Map<String, StoredAlert> open(Jdbc jdbc) {
    return jdbc.read(c -> {
      Map<String, StoredAlert> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + OPEN_COLUMNS
          + " FROM alert_open ORDER BY active_since, fingerprint");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          StoredAlert a = new StoredAlert(rs.getString(1), rs.getString(2), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 5), instant(rs, 6),
              rs.getBoolean(7), rs.getBoolean(8), rs.getString(9));
          out.put(a.fingerprint(), a);
        }
      }
      return out;
    });
  }

  static void commit(Jdbc jdbc, List<StoredAlert> upserts, List<String> closed,
      List<AlertEvent> history) {
    if (upserts.isEmpty() && closed.isEmpty() && history.isEmpty()) {
      return;
    }
    jdbc.transaction(c -> {
      delete(c, closed);
      delete(c, upserts.stream().map(StoredAlert::fingerprint).toList());
      if (!upserts.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_open (" + OPEN_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (StoredAlert a : upserts) {
            ps.setString(1, a.fingerprint());
            ps.setString(2, a.instance());
            ps.setString(3, a.status());
            ps.setLong(4, a.activeSince().toEpochMilli());
            millis(ps, 5, a.firingSince());
            millis(ps, 6, a.lastNotifiedAt());
            ps.setBoolean(7, a.notified());
            ps.setBoolean(8, a.silenced());
            ps.setString(9, a.conditionJson());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!history.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_history ("
            + HISTORY_COLUMNS.substring("id, ".length()) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?)")) {
          for (AlertEvent e : history) {
            int i = 1;
            for (String v : List.of(e.instance(), e.fingerprint(), e.kind(), e.severity(),
                e.audience())) {
              ps.setString(i++, v);
            }
            for (String v : new String[] {e.service(), e.client(), e.subject(), e.region()}) {
              ps.setString(i++, v);
            }
            ps.setString(i++, e.transition());
            ps.setLong(i++, e.at().toEpochMilli());
            ps.setBoolean(i++, e.notified());
            ps.setBoolean(i++, e.silenced());
            ps.setString(i++, e.title());
            ps.setString(i++, e.conditionJson());
            ps.setBoolean(i, e.delivered());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  private static void delete(Connection c, List<String> fingerprints) throws SQLException {
    if (fingerprints.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM alert_open WHERE fingerprint = ?")) {
      for (String f : fingerprints) {
        ps.setString(1, f);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static Slice<AlertEvent> history(Jdbc jdbc, AlertQuery q, int offset, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    add(where, args, "kind", q.kind());
    add(where, args, "severity", q.severity());
    add(where, args, "audience", q.audience());
    add(where, args, "service", q.service());
    add(where, args, "client", q.client());
    add(where, args, "subject", q.subject());
    add(where, args, "transition", q.transition());
    add(where, args, "instance", q.instance());
    if (q.undelivered()) {
      where.append(" AND delivered = ?");
      args.add(Boolean.FALSE);
    }
    if (q.from() != null) {
      where.append(" AND at >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      where.append(" AND at < ?");
      args.add(q.to().toEpochMilli());
    }
    return jdbc.read(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alert_history"
          + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          total = rs.next() ? rs.getLong(1) : 0;
        }
      }
      List<AlertEvent> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + HISTORY_COLUMNS
          + " FROM alert_history" + where + (q.undelivered() ? " ORDER BY id" : " ORDER BY at DESC, "
          + "id DESC") + " LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        all.add(offset);
        bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(new AlertEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                Instant.ofEpochMilli(rs.getLong(12)), rs.getBoolean(13), rs.getBoolean(14),
                rs.getString(15), rs.getString(16), rs.getBoolean(17)));
          }
        }
      }
      return new Slice<>(items, total);
    });
  }

  static void markDelivered(Jdbc jdbc, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE alert_history SET delivered = ? WHERE id = ?")) {
        for (long id : ids) {
          ps.setBoolean(1, true);
          ps.setLong(2, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static void add(StringBuilder where, List<Object> args, String column, String value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object v = args.get(i);
      if (v instanceof Boolean b) {
        ps.setBoolean(i + 1, b);
      } else if (v instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (v instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) v);
      }
    }
  }

  static void millis(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }

  static Instant instant(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
