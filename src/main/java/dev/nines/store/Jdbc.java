package dev.nines.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs JDBC work on a pooled connection, in a transaction when asked, and turns SQL errors
 * into {@link StoreUnavailableException} (the dialect says which) or IllegalStateException.
 */
final class Jdbc {
  private final DataSource dataSource;
  private final Dialect dialect;
  // When work last failed because the database was unavailable, and when a transaction last
  // committed: readiness says "not writable" while the failure is the newer of the two.
  private volatile long lastUnavailableMillis = Long.MIN_VALUE;
  private volatile long lastCommitMillis = Long.MIN_VALUE;
  // On a one-writer database, this process's write transactions take turns in arrival order.
  private final ReentrantLock writer;

  /** How long a transaction waits for its turn before the store counts as unavailable. */
  static final long WRITER_WAIT_MILLIS = 10_000;

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  Jdbc(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.writer = dialect.oneWriter() ? new ReentrantLock(true) : null;
  }

  /** Runs {@code work} in autocommit mode. */
  <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw noted(translate(e));
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  <T> T transaction(Work<T> work) {
    return transaction(work, true);
  }

  /**
   * Runs a readiness probe in one transaction, leaving the record of real commits and
   * failures alone, so that a probe can neither hide a failed batch nor keep one in memory.
   */
  <T> T probe(Work<T> work) {
    return transaction(work, false);
  }

  private <T> T transaction(Work<T> work, boolean noted) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactionOnce(work, noted);
      } catch (StoreUnavailableException | IllegalStateException e) {
        if (attempt >= CONFLICT_RETRIES || !(e.getCause() instanceof SQLException sql)
            || !dialect.isConflict(sql)) {
          throw e;
        }
        // Two writers raced: this one was rolled back whole, so running it again is safe.
      }
    }
  }

  /** How often a transaction that lost a write race is run again. */
  static final int CONFLICT_RETRIES = 5;

  private <T> T transactionOnce(Work<T> work, boolean noted) {
    if (writer == null) {
      return transactionOn(work, noted);
    }
    if (!awaitTurn()) {
      RuntimeException e = new StoreUnavailableException(dialect.name() + " unavailable: no "
          + "turn to write within " + WRITER_WAIT_MILLIS + " ms", null);
      throw noted ? noted(e) : e;
    }
    try {
      return transactionOn(work, noted);
    } finally {
      writer.unlock();
    }
  }

  /**
   * Waits for this process's turn to write, at most {@link #WRITER_WAIT_MILLIS}. An interrupt
   * (a stopping loop) does not cut a short write off: the wait goes on, and the thread's
   * interrupt is set again afterwards.
   */
  private boolean awaitTurn() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITER_WAIT_MILLIS);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return writer.tryLock(Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;     // the flag is clear again: the next wait blocks
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T> T transactionOn(Work<T> work, boolean noted) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
        if (noted) {
          lastCommitMillis = System.currentTimeMillis();
        }
      } catch (SQLException | RuntimeException e) {
        // The first error says why; SQLite may already have rolled back (SQLITE_FULL, IOERR),
        // so the rollback and the autocommit reset may fail too, and must not hide it.
        quietly(c::rollback, e);
        quietly(() -> c.setAutoCommit(true), e);
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      RuntimeException t = translate(e);
      throw noted ? noted(t) : t;
    }
  }

  private RuntimeException noted(RuntimeException e) {
    if (e instanceof StoreUnavailableException) {
      lastUnavailableMillis = System.currentTimeMillis();
    }
    return e;
  }

  /** Cleanup after a failure, whose own failure is kept as suppressed by {@code cause}. */
  @FunctionalInterface
  private interface Cleanup {
    void run() throws SQLException;
  }

  private static void quietly(Cleanup cleanup, Exception cause) {
    try {
      cleanup.run();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Whether work failed for want of the database within the last {@code withinMillis} and no
   * transaction committed since: a full disk, a lost connection.
   */
  boolean failingSince(long withinMillis) {
    long failed = lastUnavailableMillis;
    return failed > lastCommitMillis && System.currentTimeMillis() - failed < withinMillis;
  }

  RuntimeException translate(SQLException e) {
    if (dialect.isUnavailable(e) || e.getCause() instanceof java.io.IOException) {
      return new StoreUnavailableException(dialect.name() + " unavailable: " + e.getMessage(), e);
    }
    return new IllegalStateException(dialect.name() + ": " + e.getMessage(), e);
  }
}
