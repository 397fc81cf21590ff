package dev.nines.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Storage of API tokens ({@code api_token}): hashes and scopes, never secrets. */
final class TokenTable {
  private TokenTable() {}

  static List<ApiToken> all(Jdbc jdbc) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT name, token_hash, scopes, "
          + "created_at, last_used FROM api_token ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        List<ApiToken> out = new ArrayList<>();
        while (rs.next()) {
          long used = rs.getLong(5);
          Instant lastUsed = rs.wasNull() ? null : Instant.ofEpochMilli(used);
          out.add(new ApiToken(rs.getString(1), rs.getString(2), scopes(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(4)), lastUsed));
        }
        return out;
      }
    });
  }

  static boolean delete(Jdbc jdbc, String name) {
    return jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE name = ?")) {
        ps.setString(1, name);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static Set<String> scopes(String stored) {
    return Set.copyOf(Arrays.asList(stored.split(",")));
  }
}
