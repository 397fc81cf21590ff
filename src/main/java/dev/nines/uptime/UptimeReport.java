package dev.nines.uptime;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link Uptime#compute} found for a monitor or an SLO over {@code [from, to)}: the time
 * attributed up to {@code attributedUntil}, as uptime figures and as the attributed spans the
 * timeline bar draws (their sum is the uptime, exactly), the state runs with the instant each
 * began, each region on its own, and the regional incidents that were not counted as downtime.
 *
 * @param attributedUntil time from {@code from} to here is attributed; the rest of the window
 *     (since the last check, while no later check says how it counts) is pending
 */
public record UptimeReport(Instant from, Instant to, Instant attributedUntil,
    UptimeSnapshot uptime, List<Span> spans, List<StateRun> states, List<Region> regions,
    List<RegionalIncident> incidents) {

  public UptimeReport {
    Objects.requireNonNull(uptime, "uptime");
    spans = List.copyOf(spans);
    states = List.copyOf(states);
    regions = List.copyOf(regions);
    incidents = List.copyOf(incidents);
  }

  /**
   * A stretch of attributed time: how it counts, whether that is certain, and the states at
   * its two ends. Neighbouring intervals that count the same way are merged.
   */
  public record Span(Instant start, Instant end, Attribution attribution, boolean certain,
      State fromState, State toState) {
    public long millis() {
      return end.toEpochMilli() - start.toEpochMilli();
    }
  }

  /**
   * A run of one state: since when ({@code start}, the first check or change that made it),
   * until when, and why an UNKNOWN is unknown.
   *
   * @param startedEarlier the state already held at the window's start, so it began before
   *     {@code start}
   * @param reason the maintenance reason while in maintenance, else null
   */
  public record StateRun(Instant start, Instant end, State state, Cause cause,
      boolean startedEarlier, String reason) {}

  /**
   * Why a state holds: checks said so, too few regions have a fresh observation (silence,
   * always unknown time), or planned maintenance.
   */
  public enum Cause { CHECKED, SILENT, MAINTENANCE }

  /**
   * One region of a monitor on its own (it alone decides).
   *
   * @param lastObservation its newest observation up to the end of the data, or null
   */
  public record Region(String monitor, String region, UptimeSnapshot uptime, List<Span> spans,
      List<StateRun> states, Instant lastObservation) {
    public Region {
      spans = List.copyOf(spans);
      states = List.copyOf(states);
    }

    /** The region's state at the end of the window, or null for an empty window. */
    public StateRun current() {
      return states.isEmpty() ? null : states.get(states.size() - 1);
    }
  }

  /** The state at the end of the window, or null for an empty window. */
  public StateRun current() {
    return states.isEmpty() ? null : states.get(states.size() - 1);
  }

  /**
   * The attributed time per epoch minute, for every minute that ends at or before
   * {@link #attributedUntil()} (so no later check can change it), counting only its part
   * inside the window. A minute with nothing attributed (all left out as maintenance) is
   * absent.
   */
  public SortedMap<Long, UptimeSnapshot> settledMinutes() {
    SortedMap<Long, UptimeSnapshot> out = new TreeMap<>();
    long until = Math.floorDiv(attributedUntil.toEpochMilli(), 60_000L);
    for (Span s : spans) {
      long a = s.start().toEpochMilli();
      long b = s.end().toEpochMilli();
      while (a < b) {
        long minute = Math.floorDiv(a, 60_000L);
        long end = Math.min(b, (minute + 1) * 60_000L);
        if (minute < until) {
          out.merge(minute, UptimeSnapshot.EMPTY.plus(s.attribution(), s.certain(), end - a),
              UptimeSnapshot::plus);
        }
        a = end;
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
