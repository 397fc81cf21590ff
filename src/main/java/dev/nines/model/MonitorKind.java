package dev.nines.model;

/** Kinds of synthetic monitor. */
public enum MonitorKind {
  HTTP, TCP, TLS, JOURNEY;

  /** The spec spelling. */
  public String id() {
    return this == TLS ? "tls-expiry" : name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Looks up a kind by its spec spelling. */
  public static MonitorKind parse(String text) {
    for (MonitorKind k : values()) {
      if (k.id().equals(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a monitor kind. "
        + "Expected http, tcp, tls-expiry or journey");
  }
}
