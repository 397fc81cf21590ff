package dev.nines.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A console or portal user as stored: only a password hash (bcrypt), a role name
 * ({@code admin}, {@code sre} or {@code client}) and, for a client user, the client of the
 * spec it is bound to.
 *
 * @param client the client's name for role {@code client}, else null
 * @param disabledAt when an admin disabled the user (sign-in refused), or null
 */
public record AppUser(String name, String passwordHash, String role, String client,
    Instant createdAt, Instant disabledAt) {
  public AppUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** An enabled user. */
  public AppUser(String name, String passwordHash, String role, String client,
      Instant createdAt) {
    this(name, passwordHash, role, client, createdAt, null);
  }

  /** Whether sign-in is refused. */
  public boolean disabled() {
    return disabledAt != null;
  }
}
