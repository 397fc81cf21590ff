package dev.nines.model;

import java.util.List;

/** The platform owner the team works for: sets SLOs, reads reports, never sees internals. */
public record ClientSpec(String name, String displayName, List<Contact> contacts,
    boolean statusPage) {
  public ClientSpec {
    contacts = List.copyOf(contacts);
  }
}
