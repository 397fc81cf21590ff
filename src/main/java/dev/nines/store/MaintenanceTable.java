package dev.nines.store;

import dev.nines.maintenance.AppliedHistory;
import dev.nines.maintenance.MaintenanceWindow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage of maintenance windows added through the API, and of the record of windows applied
 * to the stored history after the fact.
 */
final class MaintenanceTable {
  private MaintenanceTable() {}

  static long add(Jdbc jdbc, MaintenanceWindow w) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance (service, "
          + "starts_at, ends_at, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, w.service());
        ps.setLong(2, w.start().toEpochMilli());
        ps.setLong(3, w.end().toEpochMilli());
        ps.setString(4, w.reason());
        ps.setLong(5, w.createdAt().toEpochMilli());
        ps.setString(6, w.createdBy());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  static boolean delete(Jdbc jdbc, long id, Instant at) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE maintenance SET deleted_at = ? "
          + "WHERE id = ? AND deleted_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static List<MaintenanceWindow> all(Jdbc jdbc) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, service, starts_at, ends_at, "
          + "reason, created_at, created_by FROM maintenance WHERE deleted_at IS NULL "
          + "ORDER BY starts_at, id"); ResultSet rs = ps.executeQuery()) {
        List<MaintenanceWindow> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new MaintenanceWindow(rs.getLong(1), rs.getString(2),
              Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)),
              rs.getString(5), MaintenanceWindow.Source.API, Instant.ofEpochMilli(rs.getLong(6)),
              rs.getString(7)));
        }
        return out;
      }
    });
  }

  static void saveApplied(Jdbc jdbc, AppliedHistory a) {
    StringBuilder slos = new StringBuilder();
    for (AppliedHistory.SloEffect e : a.slos()) {
      slos.append(e.slo()).append('\t').append(e.how().id()).append('\t').append(e.minutes())
          .append('\t').append(e.changedMinutes()).append('\t')
          .append(e.note() == null ? "" : e.note()).append('\n');
    }
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO maintenance_applied (service, "
          + "starts_at, ends_at, kind, applied_at, from_at, to_at, slos) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, a.service());
        ps.setLong(2, a.windowStart().toEpochMilli());
        ps.setLong(3, a.windowEnd().toEpochMilli());
        ps.setString(4, a.change().name().toLowerCase(java.util.Locale.ROOT));
        ps.setLong(5, a.at().toEpochMilli());
        ps.setLong(6, a.from().toEpochMilli());
        ps.setLong(7, a.to().toEpochMilli());
        ps.setString(8, slos.toString());
        return ps.executeUpdate();
      }
    });
  }

  static Optional<AppliedHistory> applied(Jdbc jdbc, String service, Instant start, Instant end) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, applied_at, from_at, to_at, "
          + "slos FROM maintenance_applied WHERE service = ? AND starts_at = ? AND ends_at = ? "
          + "ORDER BY applied_at DESC, id DESC")) {
        ps.setString(1, service);
        ps.setLong(2, start.toEpochMilli());
        ps.setLong(3, end.toEpochMilli());
        ps.setMaxRows(1);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new AppliedHistory(service, start, end,
              AppliedHistory.Change.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
              Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
              Instant.ofEpochMilli(rs.getLong(4)), effects(rs.getString(5))));
        }
      }
    });
  }

  private static List<AppliedHistory.SloEffect> effects(String text) {
    List<AppliedHistory.SloEffect> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.add(new AppliedHistory.SloEffect(f[0], AppliedHistory.How.valueOf(
          f[1].toUpperCase(java.util.Locale.ROOT)), Long.parseLong(f[2]), Long.parseLong(f[3]),
          f[4].isEmpty() ? null : f[4]));
    }
    return out;
  }
}
