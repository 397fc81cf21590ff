package dev.nines.store;

import dev.nines.maintenance.MaintenanceWindow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Storage of maintenance windows added through the API. */
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
}
