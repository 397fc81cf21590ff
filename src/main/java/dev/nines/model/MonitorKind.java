package dev.nines.model;

/**
 * Kinds of monitor: synthetic checks Nines runs (http, tcp, tls-expiry, journey), and external
 * monitors whose states come only from {@code POST /api/v1/observations}.
 */
public enum MonitorKind {
  HTTP, TCP, TLS, JOURNEY, EXTERNAL;

  /** Whether Nines runs the check itself (every kind but external). */
  public boolean probed() {
    return this != EXTERNAL;
  }

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
        + "Expected http, tcp, tls-expiry, journey or external");
  }
}
