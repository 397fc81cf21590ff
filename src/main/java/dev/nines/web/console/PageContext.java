package dev.nines.web.console;

import dev.nines.web.auth.Principal;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What every page's layout needs: its title, the navigation entry to highlight, who is signed
 * in (null on public pages), the CSRF token forms carry, and the clock and zone times are
 * shown in.
 */
public record PageContext(String title, String nav, Principal user, String csrf, ZoneId zone,
    Instant now) {

  /** Whether the signed-in user sees the internal console. */
  public boolean internal() {
    return user != null && user.internal();
  }

  public boolean admin() {
    return user != null && user.admin();
  }
}
