package dev.nines.model;

import java.time.ZoneId;
import java.util.List;

/**
 * The platform owner the team works for: sets SLOs, reads reports, never sees internals.
 *
 * @param timeZone the zone its months and days are cut in (reports, portal, status page), or
 *     null for the spec's
 * @param components what its status page shows, in order; empty for one component per service
 */
public record ClientSpec(String name, String displayName, List<Contact> contacts,
    boolean statusPage, ZoneId timeZone, List<ComponentSpec> components) {
  public ClientSpec {
    contacts = List.copyOf(contacts);
    components = List.copyOf(components);
  }

  /** A client in the spec's time zone whose status page shows one component per service. */
  public ClientSpec(String name, String displayName, List<Contact> contacts,
      boolean statusPage) {
    this(name, displayName, contacts, statusPage, null, List.of());
  }

  /** The name people read: the display name, else the name. */
  public String title() {
    return displayName == null || displayName.isBlank() ? name : displayName;
  }
}
