package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage of the outbox ({@code outbox}, migration V10): enqueue with deduplication on
 * (key, channel), claims under a lease so that several senders on one database never hold the
 * same row at once, completion by the claim's holder only, listings and counts.
 */
final class OutboxTable {
  private static final String COLUMNS = "id, dedup_key, channel, kind, client, title, status, "
      + "attempts, last_error, created_at, next_attempt_at, sent_at";
  private static final String INSERT = "INSERT INTO outbox (dedup_key, channel, kind, client, "
      + "title, payload, status, attempts, last_error, created_at, next_attempt_at, sent_at) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key, channel) DO NOTHING";
  private static final String DUE = "status = 'pending' AND next_attempt_at <= ? "
      + "AND (claimed_until IS NULL OR claimed_until <= ?)";
  private static final String RELEASE = "claimed_by = NULL, claimed_until = NULL";

  private OutboxTable() {}

  static boolean[] enqueue(Jdbc jdbc, List<OutboxMessage> messages) {
    return jdbc.transaction(c -> enqueue(c, messages));
  }

  /** Adds rows inside the caller's transaction. */
  static boolean[] enqueue(Connection c, List<OutboxMessage> messages) throws SQLException {
    boolean[] fresh = new boolean[messages.size()];
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (int i = 0; i < messages.size(); i++) {
        OutboxMessage m = messages.get(i);
        ps.setString(1, m.key());
        ps.setString(2, m.channel());
        ps.setString(3, m.kind());
        ps.setString(4, m.client());
        ps.setString(5, m.title());
        ps.setString(6, m.payload() == null ? "" : m.payload());
        ps.setString(7, m.status());
        ps.setInt(8, m.attempts());
        ps.setString(9, m.lastError());
        ps.setLong(10, m.createdAt().toEpochMilli());
        ps.setLong(11, m.nextAttemptAt().toEpochMilli());
        setInstant(ps, 12, m.deliveredAt());
        fresh[i] = ps.executeUpdate() == 1;
      }
    }
    return fresh;
  }

  static List<OutboxMessage> claim(Jdbc jdbc, Dialect dialect, String claimer, Instant now,
      Instant leaseUntil, int limit) {
    long t = now.toEpochMilli();
    // A read first, outside the claim's transaction: an idle outbox (most polls) takes no
    // write lock, which on SQLite is the one lock every ingest commit also needs.
    boolean due = jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox WHERE " + DUE
          + " LIMIT 1")) {
        ps.setLong(1, t);
        ps.setLong(2, t);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
    if (!due) {
      return List.of();
    }
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET claimed_by = ?, "
          + "claimed_until = ? WHERE id IN (SELECT id FROM outbox WHERE " + DUE
          + " ORDER BY next_attempt_at, id LIMIT ?" + dialect.skipLocked() + ")")) {
        ps.setString(1, claimer);
        ps.setLong(2, leaseUntil.toEpochMilli());
        ps.setLong(3, t);
        ps.setLong(4, t);
        ps.setInt(5, limit);
        if (ps.executeUpdate() == 0) {
          return List.of();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", payload FROM "
          + "outbox WHERE claimed_by = ? ORDER BY next_attempt_at, id")) {
        ps.setString(1, claimer);
        return rows(ps, true);
      }
    });
  }

  static int complete(Jdbc jdbc, String claimer, List<OutboxResult> results, Instant now) {
    return jdbc.transaction(c -> {
      int done = 0;
      try (PreparedStatement delivered = c.prepareStatement("UPDATE outbox SET status = "
          + "'delivered', sent_at = ?, attempts = attempts + 1, " + RELEASE
          + " WHERE id = ? AND claimed_by = ?");
          PreparedStatement retry = c.prepareStatement("UPDATE outbox SET attempts = attempts "
              + "+ 1, last_error = ?, next_attempt_at = ?, " + RELEASE
              + " WHERE id = ? AND claimed_by = ?");
          PreparedStatement failed = c.prepareStatement("UPDATE outbox SET status = 'failed', "
              + "attempts = attempts + 1, last_error = ?, " + RELEASE
              + " WHERE id = ? AND claimed_by = ?")) {
        for (OutboxResult r : results) {
          PreparedStatement ps;
          int i = 1;
          if (r.isDelivered()) {
            ps = delivered;
            ps.setLong(i++, now.toEpochMilli());
          } else if (r.retryAt() != null) {
            ps = retry;
            ps.setString(i++, r.error());
            ps.setLong(i++, r.retryAt().toEpochMilli());
          } else {
            ps = failed;
            ps.setString(i++, r.error());
          }
          ps.setLong(i++, r.id());
          ps.setString(i, claimer);
          done += ps.executeUpdate();
        }
      }
      return done;
    });
  }

  static OutboxListing list(Jdbc jdbc, String status, String channel, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    if (status != null) {
      where.append(" AND status = ?");
      args.add(status);
    }
    if (channel != null) {
      where.append(" AND channel = ?");
      args.add(channel);
    }
    return jdbc.read(c -> {
      int total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox" + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          total = rs.next() ? rs.getInt(1) : 0;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox"
          + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
        int i = bind(ps, args);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        return new OutboxListing(rows(ps, false), total);
      }
    });
  }

  static List<OutboxCount> counts(Jdbc jdbc) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT channel, status, COUNT(*) FROM "
          + "outbox GROUP BY channel, status ORDER BY channel, status");
          ResultSet rs = ps.executeQuery()) {
        List<OutboxCount> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new OutboxCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
        return out;
      }
    });
  }

  static long pending(Jdbc jdbc) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /** Deletes delivered and failed rows created before {@code before}; pending rows stay. */
  static long prune(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM outbox WHERE status <> 'pending' AND created_at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  private static int bind(PreparedStatement ps, List<String> args) throws SQLException {
    int i = 1;
    for (String a : args) {
      ps.setString(i++, a);
    }
    return i;
  }

  private static List<OutboxMessage> rows(PreparedStatement ps, boolean payload)
      throws SQLException {
    List<OutboxMessage> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long sent = rs.getLong(12);
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
        out.add(new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), payload ? rs.getString(13) : null,
            rs.getString(7), rs.getInt(8), rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)),
            Instant.ofEpochMilli(rs.getLong(11)), deliveredAt));
      }
    }
    return out;
  }

  private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }
}
