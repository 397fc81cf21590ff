package dev.nines.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.flywaydb.core.Flyway;

/**
 * Opens the store a URL names: SQLite in {@code DATA_DIR/nines.db} by default, or the JDBC
 * URL given ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}), and brings its
 * schema up to date with the shared Flyway migrations.
 */
public final class Stores {
  private Stores() {}

  /**
   * Opens and migrates a store.
   *
   * @param url a JDBC URL, or null for SQLite under {@code dataDir}
   * @param user database user for PostgreSQL, or null (the URL may carry it)
   * @param password database password, or null
   */
  public static Store open(String url, Path dataDir, String user, String password) {
    String jdbcUrl = url;
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create data directory " + dataDir, e);
      }
      jdbcUrl = "jdbc:sqlite:" + dataDir.resolve("nines.db");
    }
    Dialect dialect = dialectOf(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setDataSourceProperties(dialect.connectionProperties());
    config.setMaximumPoolSize(dialect.poolSize());
    config.setConnectionTimeout(5_000);
    config.setPoolName("nines-" + dialect.name());
    // The pool's housekeeping runs on a thread the store owns, so that closing the store
    // waits for it: Hikari's own is only told to stop.
    ScheduledThreadPoolExecutor housekeeper = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("nines-" + dialect.name() + "-housekeeper").daemon(true)
            .factory());
    housekeeper.setRemoveOnCancelPolicy(true);
    config.setScheduledExecutor(housekeeper);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      JdbcStore.stop(housekeeper);
      throw e;
    }
    try {
      Flyway.configure().dataSource(ds).placeholders(dialect.placeholders())
          .locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      JdbcStore.stop(housekeeper);
      throw e;
    }
    return new JdbcStore(ds, dialect, housekeeper, jdbcUrl.startsWith("jdbc:sqlite:")
        ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "")) : null);
  }

  static Dialect dialectOf(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    throw new IllegalArgumentException("'" + jdbcUrl + "' is not a supported database URL. "
        + "Expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }
}
