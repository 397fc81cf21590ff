package dev.nines.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a maintenance window added or deleted after its start did to the stored history of its
 * service's SLOs, applied at {@code at}: over {@code [from, to)} (the window's past part, in
 * whole minutes) each SLO's minutes were recomputed from the stored observations, emptied of
 * their excluded events, or left as they were, and why.
 *
 * @param windowStart the window's start, which with its service and end names it
 * @param from the first minute the change reached
 * @param to the end of the last minute it reached (at most the time it was applied)
 */
public record AppliedHistory(String service, Instant windowStart, Instant windowEnd,
    Change change, Instant at, Instant from, Instant to, List<SloEffect> slos) {

  /** Whether the window was added or deleted. */
  public enum Change { ADDED, DELETED }

  /** What the change did to one SLO's stored minutes. */
  public enum How {
    /** Recomputed from the stored observations with the new calendar (uptime SLOs). */
    RECOMPUTED,
    /** Minutes wholly inside the window emptied (event SLOs that exclude maintenance). */
    EXCLUDED,
    /** Left as stored; the note says why. */
    UNCHANGED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One SLO's share.
   *
   * @param minutes minutes of its stored history the change went over (0 for UNCHANGED)
   * @param changedMinutes of those, the minutes whose stored buckets are different now
   * @param note what a reader should know (partly covered minutes kept, events that cannot come
   *     back, time past the raw retention), or null
   */
  public record SloEffect(String slo, How how, long minutes, long changedMinutes, String note) {
    public SloEffect {
      Objects.requireNonNull(slo, "slo");
      Objects.requireNonNull(how, "how");
      if (minutes < 0 || changedMinutes < 0 || changedMinutes > minutes) {
        throw new IllegalArgumentException("minutes " + minutes + ", changed " + changedMinutes
            + ". Expected 0 <= changed <= minutes");
      }
      if (note != null && (note.contains("\t") || note.contains("\n"))) {
        throw new IllegalArgumentException("note: holds a tab or a line break. Expected one line");
      }
    }
  }

  public AppliedHistory {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(at, "at");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to
          + ". Expected from <= to");
    }
    slos = List.copyOf(slos);
  }

  /** Whether this is about the window of {@code service} over [start, end). */
  public boolean isOf(String service, Instant start, Instant end) {
    return this.service.equals(service) && windowStart.equals(start) && windowEnd.equals(end);
  }

  /** Minutes whose stored buckets changed, over every SLO. */
  public long changedMinutes() {
    return slos.stream().mapToLong(SloEffect::changedMinutes).sum();
  }
}
