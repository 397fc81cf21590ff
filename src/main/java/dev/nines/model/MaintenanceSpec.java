package dev.nines.model;

import java.time.Instant;

/**
 * Planned maintenance of a service: observations inside [start, end) are UNKNOWN instead of
 * ERROR, and checks inside it are not counted. An SLO with {@code maintenance: exclude}
 * leaves the window's time out of its uptime entirely.
 */
public record MaintenanceSpec(String service, Instant start, Instant end, String reason) {
  public MaintenanceSpec {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("start " + start + " is not before end " + end
          + ". Expected start < end");
    }
  }

  /** Whether {@code t} lies in [start, end). */
  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
