package dev.nines.web.auth;

import java.util.Objects;

/**
 * Who makes a request: a signed-in user or an API token, with the role it acts in and, for a
 * client user, its client.
 *
 * @param client the client a {@link Role#CLIENT} principal is bound to, else null
 * @param token true for an API token (no session, no CSRF)
 */
public record Principal(String name, Role role, String client, boolean token) {
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if ((role == Role.CLIENT) != (client != null)) {
      throw new IllegalArgumentException("user " + name + ": role " + role.id() + " with client "
          + client + ". Expected a client exactly for role client");
    }
  }

  /** Whether this principal sees the internal console and API. */
  public boolean internal() {
    return role.internal();
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }
}
