package dev.nines.uptime;

import java.time.Instant;
import java.util.Objects;

/**
 * Planned maintenance as uptime sees it: over {@code [start, end)} the service is UNKNOWN
 * whatever its checks say, and an SLO that excludes maintenance leaves that time out.
 *
 * @param reason why, shown with the state (may be null)
 */
public record MaintenanceWindow(Instant start, Instant end, String reason) {
  public MaintenanceWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("maintenance " + start + " to " + end + " is empty. "
          + "Expected start < end");
    }
  }

  /** Whether {@code t} lies in {@code [start, end)}. */
  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
