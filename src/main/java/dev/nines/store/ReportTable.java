package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Storage of archived reports, of daily uptime and of status-page subscribers. */
final class ReportTable {
  private ReportTable() {}

  static void save(Jdbc jdbc, StoredReport r) {
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO report (client, period, "
          + "format, created_at, content, figures_hash) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
          + "(client, period, format) DO UPDATE SET created_at = excluded.created_at, "
          + "content = excluded.content, figures_hash = excluded.figures_hash")) {
        ps.setString(1, r.client());
        ps.setString(2, r.period());
        ps.setString(3, r.format());
        ps.setLong(4, r.createdAt().toEpochMilli());
        ps.setBytes(5, r.content());
        ps.setString(6, r.figuresHash() == null ? "" : r.figuresHash());
        ps.executeUpdate();
      }
      return null;
    });
  }

  static List<StoredReport> list(Jdbc jdbc, String client) {
    return jdbc.read(c -> {
      String sql = "SELECT client, period, format, created_at, figures_hash, LENGTH(content) "
          + "FROM report" + (client == null ? "" : " WHERE client = ?")
          + " ORDER BY period DESC, client, format";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (client != null) {
          ps.setString(1, client);
        }
        List<StoredReport> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getLong(6), null));
          }
        }
        return out;
      }
    });
  }

  static Optional<StoredReport> one(Jdbc jdbc, String client, String period, String format) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT created_at, figures_hash, content "
          + "FROM report WHERE client = ? AND period = ? AND format = ?")) {
        ps.setString(1, client);
        ps.setString(2, period);
        ps.setString(3, format);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          byte[] content = rs.getBytes(3);
          return Optional.of(StoredReport.of(client, period, format,
              Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), content));
        }
      }
    });
  }

  static void saveUptimeDays(Jdbc jdbc, List<UptimeDay> days) {
    if (days.isEmpty()) {
      return;
    }
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO uptime_day (monitor, "
          + "day_start, day_end, up_ms, down_ms, unknown_ms, certain_up_ms, uncertain_ms) VALUES "
          + "(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (monitor, day_start, day_end) DO UPDATE SET "
          + "up_ms = excluded.up_ms, down_ms = excluded.down_ms, unknown_ms = "
          + "excluded.unknown_ms, certain_up_ms = excluded.certain_up_ms, uncertain_ms = "
          + "excluded.uncertain_ms")) {
        for (UptimeDay d : days) {
          ps.setString(1, d.monitor());
          ps.setLong(2, d.start().toEpochMilli());
          ps.setLong(3, d.end().toEpochMilli());
          ps.setLong(4, d.upMillis());
          ps.setLong(5, d.downMillis());
          ps.setLong(6, d.unknownMillis());
          ps.setLong(7, d.certainUpMillis());
          ps.setLong(8, d.uncertainMillis());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  static List<UptimeDay> uptimeDays(Jdbc jdbc, String monitor, Instant from, Instant to) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT day_start, day_end, up_ms, "
          + "down_ms, unknown_ms, certain_up_ms, uncertain_ms FROM uptime_day WHERE monitor = ? "
          + "AND day_start >= ? AND day_end <= ? ORDER BY day_start")) {
        ps.setString(1, monitor);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        List<UptimeDay> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new UptimeDay(monitor, Instant.ofEpochMilli(rs.getLong(1)),
                Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7)));
          }
        }
        return out;
      }
    });
  }
}
