package dev.nines.store;

import dev.nines.incident.Incident;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage of incidents, their timelines and affected SLOs. */
final class IncidentTable {
  private static final String COLUMNS = "id, service, client, title, opened_at, resolved_at, "
      + "root_cause, opened_by";

  private IncidentTable() {}

  static long create(Jdbc jdbc, String service, String client, String title, Instant at,
      String openedBy, List<String> slos, Incident.Event first) {
    return jdbc.transaction(c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident (service, client, "
          + "title, opened_at, opened_by) VALUES (?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, service);
        ps.setString(2, client);
        ps.setString(3, title);
        ps.setLong(4, at.toEpochMilli());
        ps.setString(5, openedBy);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      event(c, id, first);
      slos(c, id, slos);
      return id;
    });
  }

  static boolean addEvent(Jdbc jdbc, long id, Incident.Event e, List<String> slos) {
    return jdbc.transaction(c -> {
      if (!touch(c, id)) {
        return false;
      }
      event(c, id, e);
      slos(c, id, slos);
      return true;
    });
  }

  static boolean resolve(Jdbc jdbc, long id, Instant at, String author, String rootCause) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET resolved_at = ?, "
          + "root_cause = COALESCE(?, root_cause) WHERE id = ? AND resolved_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setString(2, rootCause);
        ps.setLong(3, id);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      event(c, id, new Incident.Event(at, Incident.Kind.RESOLVED, author, rootCause, null));
      return true;
    });
  }

  static boolean setRootCause(Jdbc jdbc, long id, Instant at, String author, String note) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE incident SET root_cause = ? WHERE id = ?")) {
        ps.setString(1, note);
        ps.setLong(2, id);
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      event(c, id, new Incident.Event(at, Incident.Kind.NOTE, author, note, null));
      return true;
    });
  }

  /** Whether the incident exists, checked with a write so the transaction writes from its start. */
  private static boolean touch(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE incident SET id = id WHERE id = ?")) {
      ps.setLong(1, id);
      return ps.executeUpdate() == 1;
    }
  }

  private static void event(Connection c, long id, Incident.Event e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_event (incident_id, at, "
        + "kind, author, body, instance) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, e.at().toEpochMilli());
      ps.setString(3, e.kind().id());
      ps.setString(4, e.author());
      ps.setString(5, e.body());
      ps.setString(6, e.alertInstance());
      ps.executeUpdate();
    }
  }

  private static void slos(Connection c, long id, List<String> slos) throws SQLException {
    for (String slo : slos) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_slo (incident_id, slo) "
          + "VALUES (?, ?) ON CONFLICT (incident_id, slo) DO NOTHING")) {
        ps.setLong(1, id);
        ps.setString(2, slo);
        ps.executeUpdate();
      }
    }
  }

  static Optional<Incident> one(Jdbc jdbc, long id) {
    List<Incident> found = select(jdbc, " WHERE id = ?", List.of(id), 0, 1).items();
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Incidents matching the filter, newest first: of a client and a service (null: any), open
   * or resolved (null: both), overlapping [from, to) (null: unbounded).
   */
  static Slice<Incident> list(Jdbc jdbc, String client, String service, Boolean open,
      Instant from, Instant to, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (client != null) {
      where.append(" AND client = ?");
      args.add(client);
    }
    if (service != null) {
      where.append(" AND service = ?");
      args.add(service);
    }
    if (open != null) {
      where.append(open ? " AND resolved_at IS NULL" : " AND resolved_at IS NOT NULL");
    }
    if (to != null) {
      where.append(" AND opened_at < ?");
      args.add(to.toEpochMilli());
    }
    if (from != null) {
      where.append(" AND (resolved_at IS NULL OR resolved_at >= ?)");
      args.add(from.toEpochMilli());
    }
    return select(jdbc, where.toString(), args, offset, limit);
  }

  private static Slice<Incident> select(Jdbc jdbc, String where, List<Object> args, int offset,
      int limit) {
    return jdbc.read(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM incident" + where)) {
        AlertTable.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          total = rs.next() ? rs.getLong(1) : 0;
        }
      }
      Map<Long, Object[]> rows = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incident"
          + where + " ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        all.add(offset);
        AlertTable.bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getLong(1), new Object[] {rs.getString(2), rs.getString(3),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), AlertTable.instant(rs, 6),
                rs.getString(7), rs.getString(8)});
          }
        }
      }
      List<Incident> out = new ArrayList<>();
      for (Map.Entry<Long, Object[]> r : rows.entrySet()) {
        Object[] v = r.getValue();
        out.add(new Incident(r.getKey(), (String) v[0], (String) v[1], (String) v[2],
            (Instant) v[3], (Instant) v[4], (String) v[5], (String) v[6], slosOf(c, r.getKey()),
            timeline(c, r.getKey())));
      }
      return new Slice<>(out, total);
    });
  }

  private static List<String> slosOf(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT slo FROM incident_slo WHERE incident_id = ? ORDER BY slo")) {
      ps.setLong(1, id);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  private static List<Incident.Event> timeline(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT at, kind, author, body, instance FROM "
        + "incident_event WHERE incident_id = ? ORDER BY at, id")) {
      ps.setLong(1, id);
      List<Incident.Event> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Incident.Event(Instant.ofEpochMilli(rs.getLong(1)),
              Incident.Kind.of(rs.getString(2)), rs.getString(3), rs.getString(4),
              rs.getString(5)));
        }
      }
      return out;
    }
  }
}
