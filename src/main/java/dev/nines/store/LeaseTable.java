package dev.nines.store;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/** Named leases: one holder at a time, until it stops renewing. */
final class LeaseTable {
  private LeaseTable() {}

  /**
   * Takes or renews the lease {@code name} for {@code holder} until {@code now + ttl}: it
   * succeeds when nobody holds it, when {@code holder} does, or when the holder's lease ran
   * out. The row is claimed with one conditional statement, so two servers on one PostgreSQL
   * never both hold it.
   */
  static boolean acquire(Jdbc jdbc, String name, String holder, Instant now, Duration ttl) {
    long until = now.plus(ttl).toEpochMilli();
    return jdbc.transaction(c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO lease (name, holder, "
          + "expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = "
          + "excluded.holder, expires_at = excluded.expires_at WHERE lease.holder = "
          + "excluded.holder OR lease.expires_at < ?")) {
        insert.setString(1, name);
        insert.setString(2, holder);
        insert.setLong(3, until);
        insert.setLong(4, now.toEpochMilli());
        return insert.executeUpdate() == 1;
      }
    });
  }

  /** Gives the lease up when {@code holder} holds it. */
  static void release(Jdbc jdbc, String name, String holder) {
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM lease WHERE name = ? AND holder = ?")) {
        ps.setString(1, name);
        ps.setString(2, holder);
        return ps.executeUpdate();
      }
    });
  }
}
