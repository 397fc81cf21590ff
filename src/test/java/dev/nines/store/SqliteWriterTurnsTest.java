package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite takes one writer at a time. A transaction that reads and then writes while another
 * connection commits in between loses its snapshot (SQLITE_BUSY_SNAPSHOT) every time it is
 * run again, so writers of one process take turns instead: the second waits for the first.
 */
class SqliteWriterTurnsTest {
  @TempDir Path dir;
  private HikariDataSource pool;
  private Jdbc jdbc;

  @BeforeEach
  void open() {
    SqliteDialect dialect = new SqliteDialect();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("turns.db"));
    config.setDataSourceProperties(dialect.connectionProperties());
    config.setMaximumPoolSize(dialect.poolSize());
    pool = new HikariDataSource(config);
    jdbc = new Jdbc(pool, dialect);
    jdbc.transaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (who TEXT)");
      }
      return null;
    });
  }

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void aWriterThatReadsFirstIsNotOvertakenByAnotherOfTheSameProcess() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<CompletableFuture<Void>> others = new ArrayList<>();
    jdbc.transaction(c -> {
      runs.incrementAndGet();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT count(*) FROM t")) {
        r.next();
      }
      // Another writer arrives between this transaction's read and its write.
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> jdbc.transaction(o -> {
        try (Statement s = o.createStatement()) {
          s.execute("INSERT INTO t VALUES ('other')");
        }
        return null;
      }));
      others.add(other);
      try {
        other.get(300, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException expected) {
        // it waits for its turn
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO t VALUES ('first')");
      }
      return null;
    });
    for (CompletableFuture<Void> other : others) {
      other.get(10, TimeUnit.SECONDS);
    }

    assertThat(runs).as("the first writer ran once, never rolled back for a lost race")
        .hasValue(1);
    List<String> rows = jdbc.read(c -> {
      List<String> who = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT who FROM t ORDER BY rowid")) {
        while (r.next()) {
          who.add(r.getString(1));
        }
      }
      return who;
    });
    assertThat(rows).containsExactly("first", "other");
  }

  @Test
  void aStoppingThreadStillGetsItsTurnAndKeepsItsInterrupt() {
    Thread.currentThread().interrupt();
    try {
      jdbc.transaction(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO t VALUES ('last words')");
        }
        return null;
      });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    int rows = jdbc.read(c -> {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
          "SELECT count(*) FROM t")) {
        r.next();
        return r.getInt(1);
      }
    });
    assertThat(rows).isEqualTo(1);
  }
}
