package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Storage of status-page subscribers. */
final class SubscriberTable {
  private static final String COLUMNS = "id, client, email, token, created_at, confirmed_at, "
      + "unsubscribed_at";

  private SubscriberTable() {}

  /** The address's live subscription to {@code client} if it has one, else a new pending one. */
  static Subscriber add(Jdbc jdbc, String client, String email, String token, Instant now) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
          + "status_subscriber WHERE client = ? AND email = ? AND unsubscribed_at IS NULL "
          + "ORDER BY id DESC")) {
        ps.setString(1, client);
        ps.setString(2, email);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return row(rs);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO status_subscriber (client, "
          + "email, token, created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, client);
        ps.setString(2, email);
        ps.setString(3, token);
        ps.setLong(4, now.toEpochMilli());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return new Subscriber(keys.getLong(1), client, email, token, now, null, null);
        }
      }
    });
  }

  static Optional<Subscriber> byToken(Jdbc jdbc, String token) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM status_subscriber WHERE token = ?")) {
        ps.setString(1, token);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      }
    });
  }

  static boolean set(Jdbc jdbc, String token, String column, Instant now) {
    return jdbc.transaction(c -> {
      String guard = column.equals("confirmed_at")
          ? " AND confirmed_at IS NULL AND unsubscribed_at IS NULL" : " AND unsubscribed_at IS NULL";
      try (PreparedStatement ps = c.prepareStatement("UPDATE status_subscriber SET " + column
          + " = ? WHERE token = ?" + guard)) {
        ps.setLong(1, now.toEpochMilli());
        ps.setString(2, token);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static List<Subscriber> active(Jdbc jdbc, String client) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM "
          + "status_subscriber WHERE client = ? AND confirmed_at IS NOT NULL AND "
          + "unsubscribed_at IS NULL ORDER BY id")) {
        ps.setString(1, client);
        List<Subscriber> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs));
          }
        }
        return out;
      }
    });
  }

  private static Subscriber row(ResultSet rs) throws SQLException {
    return new Subscriber(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)), AlertTable.instant(rs, 6), AlertTable.instant(rs, 7));
  }
}
