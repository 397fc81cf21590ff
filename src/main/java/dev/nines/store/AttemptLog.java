package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Storage of probe attempts with their phase timings. */
final class AttemptLog {
  private AttemptLog() {}

  static void append(Jdbc jdbc, List<StoredAttempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    jdbc.transaction(c -> {
      insert(c, attempts);
      return null;
    });
  }

  static void insert(java.sql.Connection c, List<StoredAttempt> attempts) throws SQLException {
    {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe_attempt (monitor, region, "
          + "started_at, ok, status, error, dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms, steps, "
          + "cert_not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (StoredAttempt a : attempts) {
          ps.setString(1, a.monitor());
          ps.setString(2, a.region());
          ps.setLong(3, a.startedAt().toEpochMilli());
          ps.setBoolean(4, a.ok());
          setNullable(ps, 5, a.status(), Types.INTEGER);
          ps.setString(6, a.error());
          setNullable(ps, 7, a.dnsMillis(), Types.DOUBLE);
          setNullable(ps, 8, a.connectMillis(), Types.DOUBLE);
          setNullable(ps, 9, a.tlsMillis(), Types.DOUBLE);
          setNullable(ps, 10, a.firstByteMillis(), Types.DOUBLE);
          setNullable(ps, 11, a.totalMillis(), Types.DOUBLE);
          ps.setString(12, a.stepsJson());
          setNullable(ps, 13, a.certNotAfter() == null ? null : a.certNotAfter().toEpochMilli(),
              Types.BIGINT);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void setNullable(PreparedStatement ps, int i, Object v, int type)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, type);
    } else {
      ps.setObject(i, v);
    }
  }

  static List<StoredAttempt> between(Jdbc jdbc, String monitor, Instant from, Instant to,
      int limit) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(COLUMNS
          + "WHERE monitor = ? AND started_at >= ? AND started_at < ? "
          + "ORDER BY started_at DESC, id DESC LIMIT ?")) {
        ps.setString(1, monitor);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        ps.setInt(4, limit);
        List<StoredAttempt> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(monitor, rs));
          }
        }
        return out;
      }
    });
  }

  /** One page of {@code monitor}'s attempts in [from, to), newest first, and their count. */
  static Slice<StoredAttempt> page(Jdbc jdbc, String monitor, Instant from, Instant to,
      int offset, int limit) {
    return jdbc.read(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM probe_attempt "
          + "WHERE monitor = ? AND started_at >= ? AND started_at < ?")) {
        ps.setString(1, monitor);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(COLUMNS
          + "WHERE monitor = ? AND started_at >= ? AND started_at < ? "
          + "ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?")) {
        ps.setString(1, monitor);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        ps.setInt(4, limit);
        ps.setInt(5, offset);
        List<StoredAttempt> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(monitor, rs));
          }
        }
        return new Slice<>(out, total);
      }
    });
  }

  /** The columns {@link #row} reads, in its order. */
  private static final String COLUMNS = "SELECT region, started_at, ok, status, error, dns_ms, "
      + "connect_ms, tls_ms, ttfb_ms, total_ms, steps, cert_not_after FROM probe_attempt ";

  private static StoredAttempt row(String monitor, ResultSet rs) throws SQLException {
    return new StoredAttempt(monitor, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
        rs.getBoolean(3), integer(rs, 4), rs.getString(5), dbl(rs, 6), dbl(rs, 7), dbl(rs, 8),
        dbl(rs, 9), dbl(rs, 10), rs.getString(11), instant(rs, 12));
  }

  private static Instant instant(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  private static Double dbl(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }
}
