package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replacing stored minute buckets with recomputed ones, in one transaction: the minutes of
 * each range are deleted and written again, and each hourly rollup moves by the difference
 * between its new and old minutes, so it still sums its minutes (and keeps what retention
 * pruned of them before).
 */
final class BucketRewrite {
  // Deleting first, returning what was there: the transaction's first statement is a write, so
  // SQLite takes the write lock (waiting its busy timeout) instead of failing to upgrade a read.
  private static final String DELETE = "DELETE FROM sli_minute WHERE sli = ? AND minute >= ? "
      + "AND minute < ? RETURNING minute, good, valid";
  private static final String INSERT = "INSERT INTO sli_minute (sli, minute, good, valid) "
      + "VALUES (?, ?, ?, ?)";
  private static final String MOVE_HOUR = "INSERT INTO sli_hour (sli, hour, good, valid) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (sli, hour) DO UPDATE SET "
      + "good = sli_hour.good + excluded.good, valid = sli_hour.valid + excluded.valid";
  private static final String DROP_EMPTY_HOUR = "DELETE FROM sli_hour WHERE sli = ? AND hour = ? "
      + "AND good = 0 AND valid = 0";

  private BucketRewrite() {}

  /** Replaces every range; returns, for each, how many of its minutes changed. */
  static long[] replace(Jdbc jdbc, List<BucketReplacement> replacements) {
    return jdbc.transaction(c -> {
      long[] changed = new long[replacements.size()];
      for (int i = 0; i < replacements.size(); i++) {
        changed[i] = replace(c, replacements.get(i));
      }
      return changed;
    });
  }

  private static long replace(Connection c, BucketReplacement r) throws SQLException {
    Map<Long, long[]> old = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      bind(ps, r);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          old.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    Map<Long, long[]> hours = new TreeMap<>();    // hour -> {good, valid} difference
    long changed = 0;
    for (MinuteBucket b : r.minutes()) {
      long[] was = old.remove(b.period());
      long wasGood = was == null ? 0 : was[0];
      long wasValid = was == null ? 0 : was[1];
      if (wasGood != b.good() || wasValid != b.valid()) {
        changed++;
        move(hours, b.period(), b.good() - wasGood, b.valid() - wasValid);
      }
    }
    for (Map.Entry<Long, long[]> gone : old.entrySet()) {
      if (gone.getValue()[0] != 0 || gone.getValue()[1] != 0) {
        changed++;
        move(hours, gone.getKey(), -gone.getValue()[0], -gone.getValue()[1]);
      }
    }
    writeMinutes(c, r);
    writeHours(c, r.sli(), hours);
    return changed;
  }

  private static void bind(PreparedStatement ps, BucketReplacement r) throws SQLException {
    ps.setString(1, r.sli());
    ps.setLong(2, r.fromMinute());
    ps.setLong(3, r.toMinute());
  }

  private static void move(Map<Long, long[]> hours, long minute, long good, long valid) {
    long[] d = hours.computeIfAbsent(Math.floorDiv(minute, 60), h -> new long[2]);
    d[0] += good;
    d[1] += valid;
  }

  private static void writeMinutes(Connection c, BucketReplacement r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      int n = 0;
      for (MinuteBucket b : r.minutes()) {
        if (b.valid() == 0) {
          continue;                      // an empty minute is an absent row, as ingestion has it
        }
        ps.setString(1, r.sli());
        ps.setLong(2, b.period());
        ps.setLong(3, b.good());
        ps.setLong(4, b.valid());
        ps.addBatch();
        n++;
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  private static void writeHours(Connection c, String sli, Map<Long, long[]> hours)
      throws SQLException {
    try (PreparedStatement move = c.prepareStatement(MOVE_HOUR);
        PreparedStatement drop = c.prepareStatement(DROP_EMPTY_HOUR)) {
      for (Map.Entry<Long, long[]> h : hours.entrySet()) {
        if (h.getValue()[0] == 0 && h.getValue()[1] == 0) {
          continue;
        }
        move.setString(1, sli);
        move.setLong(2, h.getKey());
        move.setLong(3, h.getValue()[0]);
        move.setLong(4, h.getValue()[1]);
        move.executeUpdate();
        drop.setString(1, sli);
        drop.setLong(2, h.getKey());
        drop.executeUpdate();
      }
    }
  }
}
