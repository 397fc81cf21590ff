package dev.nines.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The store contract on PostgreSQL at {@code NINES_TEST_PG_URL} (started by
 * {@code scripts/postgres-test-server.sh}); CI sets it, and fails if it is missing.
 */
public class PostgresStoreTest extends StoreContract {

  /** The test database URL; fails under CI when absent, skips elsewhere. */
  public static String url() {
    String url = System.getenv("NINES_TEST_PG_URL");
    if (url == null && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("NINES_TEST_PG_URL is not set: .ci/run must start "
          + "PostgreSQL with scripts/postgres-test-server.sh");
    }
    assumeTrue(url != null, "NINES_TEST_PG_URL not set; run scripts/postgres-test-server.sh start");
    return url;
  }

  /** Drops everything in the public schema so each test starts from an empty database. */
  public static void reset(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
  }

  @Override String jdbcUrl() {
    return url();
  }

  @Override void wipe() throws Exception {
    reset(url());
  }

  @Override Store open() throws Exception {
    String url = url();
    reset(url);
    return Stores.open(url, null, null, null);
  }
}
