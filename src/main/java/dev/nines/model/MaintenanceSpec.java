package dev.nines.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Planned maintenance of a service, as the spec declares it: one window [start, end), or,
 * with {@code rrule}, a series of windows of the same length starting at the times an
 * RFC 5545 recurrence rule gives (first at {@code start}, in the spec's time zone, so "every
 * Sunday at 02:00" stays at 02:00 across DST changes). States inside a window are UNKNOWN
 * instead of ERROR, alerts of the service are silenced, and an SLO with
 * {@code maintenance: exclude} leaves the window's time out entirely.
 *
 * @param rrule an RRULE such as {@code FREQ=WEEKLY;BYDAY=SU}, or null for a single window
 */
public record MaintenanceSpec(String service, Instant start, Instant end, String reason,
    String rrule) {
  public MaintenanceSpec {
    Objects.requireNonNull(service, "service");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("start " + start + " is not before end " + end
          + ". Expected start < end");
    }
  }

  /** A single window. */
  public MaintenanceSpec(String service, Instant start, Instant end, String reason) {
    this(service, start, end, reason, null);
  }
}
