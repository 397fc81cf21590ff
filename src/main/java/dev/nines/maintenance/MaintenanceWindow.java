package dev.nines.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window of planned maintenance of one service, [start, end): a window of the spec (one
 * occurrence of a recurring series counts as one window) or one added through the API.
 *
 * @param id the stored window's id, or 0 for a window of the spec
 * @param createdAt when it was added through the API, or null for the spec
 * @param createdBy who added it, or null for the spec
 */
public record MaintenanceWindow(long id, String service, Instant start, Instant end,
    String reason, Source source, Instant createdAt, String createdBy) {

  /** Where a window was declared. */
  public enum Source { SPEC, API }

  public MaintenanceWindow {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(source, "source");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("start " + start + " is not before end " + end
          + ". Expected start < end");
    }
  }

  /** Whether {@code t} lies in [start, end). */
  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** Whether the window overlaps [from, to). */
  public boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }

  /** The length of the window inside [from, to). */
  public Duration within(Instant from, Instant to) {
    Instant a = start.isBefore(from) ? from : start;
    Instant b = end.isAfter(to) ? to : end;
    return a.isBefore(b) ? Duration.between(a, b) : Duration.ZERO;
  }

  /**
   * Whether the window was added after its start: its effect on the stored history was applied
   * afterwards (states already recorded, SLO windows recomputed).
   */
  public boolean addedAfterTheFact() {
    return createdAt != null && createdAt.isAfter(start);
  }
}
