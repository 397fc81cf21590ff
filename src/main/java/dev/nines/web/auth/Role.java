package dev.nines.web.auth;

import java.util.Locale;

/**
 * What a user may see: {@link #ADMIN} everything and user management, {@link #SRE} the whole
 * internal console, {@link #CLIENT} only its own client's portal.
 */
public enum Role {
  ADMIN, SRE, CLIENT;

  /** The stored and command-line spelling: {@code admin}, {@code sre}, {@code client}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the role sees the internal console and API. */
  public boolean internal() {
    return this != CLIENT;
  }

  /**
   * Parses a role name.
   *
   * @throws IllegalArgumentException naming the text and the roles
   */
  public static Role parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.id().equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a role. Expected admin, sre or client");
  }
}
