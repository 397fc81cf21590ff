package dev.nines.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL, the production store. Connection failures (SQLSTATE class 08), shutdown
 * (57P), insufficient resources (53) and serialization failures are unavailability.
 */
final class PostgresDialect implements Dialect {
  @Override public String name() {
    return "postgresql";
  }

  @Override public Map<String, String> placeholders() {
    return Map.of("id", "BIGSERIAL PRIMARY KEY", "bytes", "BYTEA",
        "promKeyMinute", "CAST(split_part(idempotency_key, ':', 3) AS BIGINT)");
  }

  @Override public Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "30");
    p.setProperty("reWriteBatchedInserts", "true");
    p.setProperty("ApplicationName", "nines");
    return p;
  }

  @Override public int poolSize() {
    return 8;
  }

  @Override public boolean oneWriter() {
    return false;
  }

  @Override public int snapshotIsolation() {
    // READ COMMITTED would give each statement a snapshot of its own.
    return java.sql.Connection.TRANSACTION_REPEATABLE_READ;
  }

  @Override public boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57P")
        || state.startsWith("53") || state.equals("40001") || state.equals("40P01");
  }

  @Override public String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override public boolean isConflict(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }
}
