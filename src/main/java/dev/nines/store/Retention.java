package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The retention pass in short transactions, so that ingestion goes on while it runs: a
 * single {@code DELETE ... WHERE minute < ?} scans a whole table (43 M rows for 1,000 SLIs
 * over 30 days) and holds the write lock for seconds, long enough for SQLite writers to give
 * up. Instead each table is walked key by key with index seeks (a loose index scan), and each
 * key's old rows go a slice at a time, from its oldest row on; every statement commits alone.
 */
final class Retention {
  /**
   * A table whose rows are keyed by {@code key} and ordered by {@code time} in one index.
   *
   * @param slice how much {@code time} one delete covers at most
   */
  record Table(String name, String key, String time, long slice) {}

  static final Table SLI_MINUTE = new Table("sli_minute", "sli", "minute", 1_440);
  static final Table LATENCY_MINUTE = new Table("latency_minute", "series", "minute", 1_440);
  static final Table PROBE_ATTEMPT = new Table("probe_attempt", "monitor", "started_at",
      3_600_000);
  static final Table OBSERVATION = new Table("observation", "subject", "at", 3_600_000);
  /** Idempotency keys deleted by one statement at most. */
  static final int KEYS_PER_DELETE = 5_000;

  private Retention() {}

  /** Deletes the rows of {@code t} whose time is before {@code before}; returns how many. */
  static long prune(Jdbc jdbc, Table t, long before) {
    long n = 0;
    for (String key = nextKey(jdbc, t, null); key != null; key = nextKey(jdbc, t, key)) {
      for (Long oldest = oldest(jdbc, t, key); oldest != null && oldest < before;
          oldest = oldest(jdbc, t, key)) {
        long until = Math.min(before, oldest + t.slice());
        n += update(jdbc, "DELETE FROM " + t.name() + " WHERE " + t.key() + " = ? AND "
            + t.time() + " < ?", key, until);
      }
    }
    return n;
  }

  /**
   * Deletes idempotency claims: those without a minute received before {@code rawBefore},
   * and those that protect a minute before {@code minuteBefore}.
   */
  static long pruneClaims(Jdbc jdbc, long rawBefore, long minuteBefore) {
    return inChunks(jdbc, "protects_minute IS NULL AND received_at < ?", rawBefore)
        + inChunks(jdbc, "protects_minute < ?", minuteBefore);
  }

  private static long inChunks(Jdbc jdbc, String where, long bound) {
    long n = 0;
    long deleted;
    do {
      deleted = update(jdbc, "DELETE FROM ingest_batch WHERE idempotency_key IN (SELECT "
          + "idempotency_key FROM ingest_batch WHERE " + where + " LIMIT " + KEYS_PER_DELETE
          + ")", null, bound);
      n += deleted;
    } while (deleted == KEYS_PER_DELETE);
    return n;
  }

  /** The smallest key after {@code after} (the first key when null): one index seek. */
  private static String nextKey(Jdbc jdbc, Table t, String after) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + t.key() + ") FROM "
          + t.name() + (after == null ? "" : " WHERE " + t.key() + " > ?"))) {
        if (after != null) {
          ps.setString(1, after);
        }
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  private static Long oldest(Jdbc jdbc, Table t, String key) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + t.time() + ") FROM "
          + t.name() + " WHERE " + t.key() + " = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          long v = rs.getLong(1);
          return rs.wasNull() ? null : v;
        }
      }
    });
  }

  /** One statement in its own transaction (autocommit), with an optional key first. */
  private static long update(Jdbc jdbc, String sql, String key, long bound) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        if (key != null) {
          ps.setString(i++, key);
        }
        ps.setLong(i, bound);
        return (long) ps.executeUpdate();
      }
    });
  }
}
