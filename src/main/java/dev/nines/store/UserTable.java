package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Storage of console users ({@code app_user}) and the clients of the last spec ({@code server_spec}). */
final class UserTable {
  private static final String COLUMNS = "name, password_hash, role, client, created_at, "
      + "disabled_at";

  private UserTable() {}

  static boolean insert(Jdbc jdbc, AppUser u) {
    return jdbc.transaction(c -> {
      try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM app_user WHERE name = ?")) {
        find.setString(1, u.name());
        try (ResultSet rs = find.executeQuery()) {
          if (rs.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, u.name());
        ps.setString(2, u.passwordHash());
        ps.setString(3, u.role());
        ps.setString(4, u.client());
        ps.setLong(5, u.createdAt().toEpochMilli());
        ps.setObject(6, u.disabledAt() == null ? null : u.disabledAt().toEpochMilli(),
            java.sql.Types.BIGINT);
        ps.executeUpdate();
      }
      return true;
    });
  }

  static Optional<AppUser> find(Jdbc jdbc, String name) {
    List<AppUser> found = select(jdbc, " WHERE name = ?", name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  static List<AppUser> all(Jdbc jdbc) {
    return select(jdbc, " ORDER BY name", null);
  }

  static boolean setPasswordHash(Jdbc jdbc, String name, String hash) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE app_user SET password_hash = ? WHERE name = ?")) {
        ps.setString(1, hash);
        ps.setString(2, name);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static boolean delete(Jdbc jdbc, String name) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM app_user WHERE name = ?")) {
        ps.setString(1, name);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static boolean setDisabled(Jdbc jdbc, String name, Instant at) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE app_user SET disabled_at = ? WHERE name = ?")) {
        ps.setObject(1, at == null ? null : at.toEpochMilli(), java.sql.Types.BIGINT);
        ps.setString(2, name);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static void recordSpecClients(Jdbc jdbc, List<String> clients, Instant at) {
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO server_spec (id, clients, "
          + "recorded_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
          + "clients = excluded.clients, recorded_at = excluded.recorded_at")) {
        ps.setString(1, String.join(",", clients));
        ps.setLong(2, at.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  static Optional<List<String>> specClients(Jdbc jdbc) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT clients FROM server_spec "
          + "WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String names = rs.getString(1);
        return Optional.of(names.isEmpty() ? List.of() : List.of(names.split(",")));
      }
    });
  }

  private static List<AppUser> select(Jdbc jdbc, String where, String arg) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user"
          + where)) {
        if (arg != null) {
          ps.setString(1, arg);
        }
        List<AppUser> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        return out;
      }
    });
  }

  private static AppUser row(ResultSet rs) throws SQLException {
    long disabledMillis = rs.getLong(6);
    Instant disabled = rs.wasNull() ? null : Instant.ofEpochMilli(disabledMillis);
    return new AppUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)), disabled);
  }
}
