package dev.nines.store;

import java.util.Objects;

/**
 * One alert of a stored group (migration V61).
 *
 * @param id the alert's occurrence
 * @param notification its latest message, as the notify package writes it
 * @param told the status last sent of it, or null when it was never sent
 */
public record StoredAlertGroupMember(String id, String notification, String told) {
  public StoredAlertGroupMember {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(notification, "notification");
  }
}
