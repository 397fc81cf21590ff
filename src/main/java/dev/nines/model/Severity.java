package dev.nines.model;

/** How urgently an alert wants a human: a page wakes someone up, a ticket waits for work hours. */
public enum Severity {
  PAGE, TICKET;

  /** The spec spelling. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
