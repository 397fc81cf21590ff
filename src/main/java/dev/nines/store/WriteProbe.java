package dev.nines.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/**
 * Whether a store takes writes now, for readiness. A small write can succeed in space SQLite
 * holds already while the next batch finds the disk full, so besides a probe write (one row
 * of {@code readiness_probe}) it watches the free space of the SQLite file's disk and the last
 * real write that failed for want of the database.
 */
final class WriteProbe {
  /** Below this much free space on the SQLite file's disk the store is not writable. */
  static final long MIN_FREE_BYTES = 1L << 20;
  /** A failed write keeps the store "not writable" this long unless a commit succeeds. */
  static final long FAILURE_MEMORY_MILLIS = 30_000;

  private WriteProbe() {}

  /** @param sqliteFile the SQLite database file, or null for PostgreSQL */
  static boolean writable(Jdbc jdbc, Path sqliteFile) {
    if (sqliteFile != null && usableBytes(sqliteFile) < MIN_FREE_BYTES
        || jdbc.failingSince(FAILURE_MEMORY_MILLIS)) {
      return false;
    }
    try {
      return jdbc.probe(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO readiness_probe (id, "
            + "checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = "
            + "excluded.checked_at")) {
          ps.setLong(1, System.currentTimeMillis());
          return ps.executeUpdate() == 1;
        }
      });
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static long usableBytes(Path file) {
    try {
      return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }
}
