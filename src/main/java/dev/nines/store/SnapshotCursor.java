package dev.nines.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A read transaction at snapshot isolation whose first read has run: both engines fix what
 * it sees by then (SQLite at the first read in WAL mode, PostgreSQL at the first statement
 * under REPEATABLE READ), so the snapshot is the store as of the constructor's return. The
 * buckets are read an SLI at a time along the primary key: no sort, no SLI name per row.
 */
final class SnapshotCursor implements Store.BucketCursor {
  private final Connection connection;
  private final long fromMinute;
  private final List<String> slis;
  private final String firstSli;
  private final Jdbc jdbc;

  SnapshotCursor(Connection c, long fromMinute, java.util.Collection<String> slis,
      Dialect dialect, Jdbc jdbc) throws SQLException {
    this.jdbc = jdbc;
    this.connection = c;
    this.fromMinute = fromMinute;
    this.slis = slis == null ? null : slis.stream().sorted().distinct().toList();
    try {
      c.setAutoCommit(false);
      c.setTransactionIsolation(dialect.snapshotIsolation());
      this.firstSli = nextSli(null);            // the first read: the snapshot is taken
    } catch (SQLException | RuntimeException e) {
      end();
      throw e;
    }
  }

  @Override public void forEach(Store.BucketSink sink) {
    try (PreparedStatement ps = connection.prepareStatement("SELECT minute, good, valid FROM "
        + "sli_minute WHERE sli = ? AND minute >= ? ORDER BY minute")) {
      ps.setFetchSize(10_000);
      if (slis != null) {
        for (String sli : slis) {
          read(ps, sli, sink);
        }
      } else {
        for (String sli = firstSli; sli != null; sli = nextSli(sli)) {
          read(ps, sli, sink);
        }
      }
    } catch (SQLException e) {
      throw jdbc.translate(e);
    }
  }

  private void read(PreparedStatement ps, String sli, Store.BucketSink sink) throws SQLException {
    ps.setString(1, sli);
    ps.setLong(2, fromMinute);
    try (ResultSet rows = ps.executeQuery()) {
      while (rows.next()) {
        sink.accept(sli, rows.getLong(1), rows.getLong(2), rows.getLong(3));
      }
    }
  }

  /** The next SLI with buckets after {@code after} (the first when null): one index seek. */
  private String nextSli(String after) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT MIN(sli) FROM sli_minute"
        + (after == null ? "" : " WHERE sli > ?"))) {
      if (after != null) {
        ps.setString(1, after);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  @Override public void close() {
    end();
  }

  private void end() {
    try (connection) {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // Ending a read: nothing was written, and the pool discards a broken connection.
    }
  }
}
