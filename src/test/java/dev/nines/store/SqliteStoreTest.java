package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override Store open() {
    return Stores.open(null, dir, null, null);
  }

  @Override String jdbcUrl() {
    return "jdbc:sqlite:" + dir.resolve("nines.db");
  }

  @Override void wipe() throws Exception {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      java.nio.file.Files.deleteIfExists(dir.resolve("nines.db" + suffix));
    }
  }

  @Test
  void pooledConnectionsWriteAheadAndSyncEveryCommitSoAnAcknowledgedBatchIsOnDisk() {
    Jdbc jdbc = ((JdbcStore) store).jdbc();
    String journal = jdbc.read(c -> pragma(c.createStatement(), "journal_mode"));
    String synchronous = jdbc.read(c -> pragma(c.createStatement(), "synchronous"));
    assertThat(journal).isEqualTo("wal");
    // 2 is FULL: the WAL is synced at every commit, not only at checkpoints (NORMAL, 1).
    assertThat(synchronous).isEqualTo("2");
  }

  private static String pragma(Statement s, String name) throws SQLException {
    try (s; ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
