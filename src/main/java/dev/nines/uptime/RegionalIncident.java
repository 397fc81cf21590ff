package dev.nines.uptime;

import java.time.Instant;
import java.util.Objects;

/**
 * A span in which one region said ERROR while the service as a whole was not ERROR: a
 * regional problem, reported but not counted as downtime. {@code end} is null when the span
 * was still open at the last evaluated instant.
 */
public record RegionalIncident(String region, Instant start, Instant end) {
  public RegionalIncident {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(start, "start");
    if (end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException("end " + end + " is not after start " + start
          + ". Expected start < end, or no end while open");
    }
  }

  /** Whether the incident was still going on at the last evaluated instant. */
  public boolean open() {
    return end == null;
  }
}
