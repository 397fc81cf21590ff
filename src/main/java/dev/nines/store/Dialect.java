package dev.nines.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * What differs between the SQL engines Nines stores in: connection settings, the few column
 * types the shared migrations leave open, and which errors mean "the store is unavailable"
 * (answered with 503 and retried) rather than a bug.
 */
interface Dialect {

  /** A short name, {@code sqlite} or {@code postgresql}. */
  String name();

  /**
   * Values for the {@code ${...}} placeholders of the shared migrations: {@code id} and
   * {@code bytes} column types, and {@code promKeyMinute}, the SQL that reads the minute out
   * of a {@code prom:SLO:MINUTE} idempotency key.
   */
  Map<String, String> placeholders();

  /** Driver properties for every connection. */
  Properties connectionProperties();

  /** Connections the pool keeps; SQLite has one writer at a time anyway. */
  int poolSize();

  /**
   * Whether the database takes one writer at a time (SQLite): then this process queues its
   * own write transactions fairly, instead of letting them poll the file lock, where a
   * writer can lose every race for the whole busy timeout while others keep writing.
   */
  boolean oneWriter();

  /**
   * The isolation level at which every statement of a read transaction sees the snapshot of
   * its first one (for {@link Store#openMinuteBucketsSince}).
   */
  int snapshotIsolation();

  /** Whether {@code e} means the store is down, locked, full or unreachable right now. */
  boolean isUnavailable(SQLException e);

  /**
   * Whether {@code e} means the transaction lost a race with another writer and was rolled
   * back whole, so that running it again is safe: SQLite's busy snapshot (a read transaction
   * that cannot become a write one), PostgreSQL's serialization failure and deadlock.
   */
  boolean isConflict(SQLException e);

  /**
   * What ends a queue's {@code SELECT} so that concurrent claimers take different rows: on
   * PostgreSQL {@code FOR UPDATE SKIP LOCKED}; nothing on SQLite, where one writer at a time
   * makes the claim atomic anyway.
   */
  String skipLocked();
}
