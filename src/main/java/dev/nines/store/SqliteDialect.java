package dev.nines.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * SQLite, the embedded default: one file in the data directory, WAL journal, and
 * {@code synchronous=FULL} so a commit is on disk before it returns (acknowledged means
 * durable). Busy, locked, full-disk and I/O errors are unavailability.
 */
final class SqliteDialect implements Dialect {
  /** How long a connection waits for a lock before the store counts as unavailable. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  @Override public String name() {
    return "sqlite";
  }

  @Override public Map<String, String> placeholders() {
    // promKeyMinute: the MINUTE of a 'prom:SLO:MINUTE' key (SLO names hold no colon).
    return Map.of("id", "INTEGER PRIMARY KEY AUTOINCREMENT", "bytes", "BLOB",
        "promKeyMinute", "CAST(substr(idempotency_key, instr(substr(idempotency_key, 6), ':') "
            + "+ 6) AS INTEGER)");
  }

  @Override public Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("journal_mode", "WAL");
    p.setProperty("synchronous", "FULL");
    p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
    p.setProperty("foreign_keys", "true");
    return p;
  }

  @Override public int poolSize() {
    return 4;
  }

  @Override public boolean oneWriter() {
    return true;
  }

  @Override public int snapshotIsolation() {
    // A WAL read transaction sees one snapshot from its first read on.
    return java.sql.Connection.TRANSACTION_SERIALIZABLE;
  }

  @Override public boolean isUnavailable(SQLException e) {
    // SQLITE_BUSY 5, LOCKED 6, NOMEM 7, READONLY 8, IOERR 10, CORRUPT 11, FULL 13, CANTOPEN 14
    int code = e.getErrorCode() & 0xFF;
    return code == 5 || code == 6 || code == 7 || code == 8 || code == 10 || code == 13
        || code == 14 || e instanceof java.sql.SQLTransientException;
  }

  @Override public boolean isConflict(SQLException e) {
    // SQLITE_BUSY_SNAPSHOT, 517: a deferred transaction read, another connection wrote, and the
    // read snapshot can no longer be upgraded to a write (the busy handler cannot help).
    return e.getErrorCode() == 517 || e.getMessage() != null
        && e.getMessage().contains("SQLITE_BUSY_SNAPSHOT");
  }

  @Override public String skipLocked() {
    return "";
  }
}
