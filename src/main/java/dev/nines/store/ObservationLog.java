package dev.nines.store;

import dev.nines.uptime.State;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage of state observations and of the state transitions they make, per subject and region.
 * The last state of each subject and region is remembered once committed, so a check does not
 * cost a query to find the state it changes from.
 */
final class ObservationLog {
  private final Jdbc jdbc;
  private final Map<String, String> committed = new java.util.concurrent.ConcurrentHashMap<>();

  ObservationLog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void append(List<StoredObservation> list) {
    if (list.isEmpty()) {
      return;
    }
    Map<String, String> last = jdbc.transaction(c -> insert(c, list));
    committed.putAll(last);
  }

  /**
   * Inserts observations and their state changes on {@code c}, inside the caller's
   * transaction; returns the last state of each subject and region it wrote, which the caller
   * passes to {@link #committed(Map)} once the transaction has committed.
   */
  Map<String, String> insert(Connection c, List<StoredObservation> list) throws SQLException {
    {
      Map<String, String> last = new HashMap<>();
      try (PreparedStatement obs = c.prepareStatement("INSERT INTO observation (subject, region, "
          + "at, state, message, source) VALUES (?, ?, ?, ?, ?, ?)");
          PreparedStatement change = c.prepareStatement("INSERT INTO state_transition (subject, "
              + "region, at, from_state, to_state) VALUES (?, ?, ?, ?, ?)")) {
        for (StoredObservation o : list) {
          obs.setString(1, o.subject());
          obs.setString(2, o.region());
          obs.setLong(3, o.at().toEpochMilli());
          obs.setString(4, o.state().name());
          obs.setString(5, o.message());
          obs.setString(6, o.source());
          obs.addBatch();
          String key = o.subject() + "\u0000" + o.region();
          String before = last.containsKey(key) ? last.get(key)
              : committed.containsKey(key) ? committed.get(key) : lastState(c, o);
          if (!o.state().name().equals(before)) {
            change.setString(1, o.subject());
            change.setString(2, o.region());
            change.setLong(3, o.at().toEpochMilli());
            change.setString(4, before);
            change.setString(5, o.state().name());
            change.addBatch();
          }
          last.put(key, o.state().name());
        }
        obs.executeBatch();
        change.executeBatch();
      }
      return last;
    }
  }

  /** Remembers last states of a committed transaction of {@link #insert}. */
  void committed(Map<String, String> last) {
    committed.putAll(last);
  }

  private static String lastState(Connection c, StoredObservation o) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_state FROM state_transition "
        + "WHERE subject = ? AND region = ? ORDER BY at DESC, id DESC LIMIT 1")) {
      ps.setString(1, o.subject());
      ps.setString(2, o.region());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  List<StoredObservation> between(String subject, Instant from, Instant to) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT region, at, state, message, source "
          + "FROM observation WHERE subject = ? AND at >= ? AND at < ? ORDER BY at, id")) {
        ps.setString(1, subject);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        List<StoredObservation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredObservation(subject, rs.getString(1),
                Instant.ofEpochMilli(rs.getLong(2)), State.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5)));
          }
        }
        return out;
      }
    });
  }

  /** The time of the oldest observation of {@code subject} in [from, to), or null. */
  Instant first(String subject, Instant from, Instant to) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(at) FROM observation "
          + "WHERE subject = ? AND at >= ? AND at < ?")) {
        ps.setString(1, subject);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          long at = rs.next() ? rs.getLong(1) : 0;
          return at == 0 && rs.wasNull() ? null : Instant.ofEpochMilli(at);
        }
      }
    });
  }

  /** The newest observation of every subject and region since {@code since}. */
  List<StoredObservation> latest(Instant since) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT o.subject, o.region, o.at, o.state, "
          + "o.message, o.source, o.id FROM observation o JOIN (SELECT subject, region, MAX(at) "
          + "AS at FROM observation WHERE at >= ? GROUP BY subject, region) m ON o.subject = "
          + "m.subject AND o.region = m.region AND o.at = m.at ORDER BY o.subject, o.region, "
          + "o.id")) {
        ps.setLong(1, since.toEpochMilli());
        java.util.Map<List<String>, StoredObservation> last = new java.util.LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            StoredObservation o = new StoredObservation(rs.getString(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), State.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6));
            last.put(List.of(o.subject(), o.region()), o);     // the last id wins a tie
          }
        }
        return new ArrayList<>(last.values());
      }
    });
  }
}
