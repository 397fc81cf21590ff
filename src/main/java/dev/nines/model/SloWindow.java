package dev.nines.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The compliance window of an SLO: rolling (the last 28 or 30 days, sliding every minute) or
 * calendar-aligned (this day, ISO week, month, quarter or year in a time zone, whose budget
 * refills at the period start and never carries over).
 */
public sealed interface SloWindow {

  /** Shortest rolling window accepted: anything shorter is almost always a unit mistake. */
  Duration MIN_ROLLING = Duration.ofDays(1);
  /** The longest rolling window: minute buckets are kept 400 days. */
  Duration MAX_ROLLING = Duration.ofDays(400);

  /** The period the SLO is judged over at instant {@code now}. */
  WindowPeriod periodAt(Instant now);

  /** The fixed length used to derive burn-rate factors (see {@link CalendarUnit#nominalLength}). */
  Duration nominalLength();

  /** The spec spelling, e.g. {@code 30d} or {@code month}. */
  String id();

  /** A window that always covers the last {@code length} before now. */
  record Rolling(Duration length) implements SloWindow {
    public Rolling {
      if (length.compareTo(MIN_ROLLING) < 0) {
        throw new IllegalArgumentException(Durations.format(length) + " is shorter than a day. "
            + "Expected a rolling window of at least 1d (e.g. 28d, 30d) or a calendar period "
            + "(day, week, month, quarter, year); note that m means minutes");
      }
      if (length.compareTo(MAX_ROLLING) > 0) {
        throw new IllegalArgumentException(Durations.format(length) + " is longer than "
            + Durations.format(MAX_ROLLING) + ", the minute buckets Nines keeps. Expected a "
            + "rolling window of 1d to " + Durations.format(MAX_ROLLING) + " or a calendar "
            + "period");
      }
      if (length.toMillis() % 60_000 != 0) {
        throw new IllegalArgumentException(Durations.format(length) + " is not whole minutes. "
            + "Expected a window in whole minutes");
      }
    }

    @Override public WindowPeriod periodAt(Instant now) {
      return new WindowPeriod(now.minus(length), now);
    }

    @Override public Duration nominalLength() {
      return length;
    }

    @Override public String id() {
      return Durations.format(length);
    }
  }

  /** A window aligned to calendar periods of {@code unit} in {@code zone}. */
  record Calendar(CalendarUnit unit, ZoneId zone) implements SloWindow {
    @Override public WindowPeriod periodAt(Instant now) {
      return unit.periodOf(now.atZone(zone).toLocalDate(), zone);
    }

    @Override public Duration nominalLength() {
      return unit.nominalLength();
    }

    @Override public String id() {
      return unit.id();
    }
  }

  /**
   * Parses {@code 28d} / {@code 30d} (rolling) or {@code day|week|month|quarter|year}
   * (calendar in {@code zone}).
   */
  static SloWindow parse(String text, ZoneId zone) {
    String s = text.strip();
    for (CalendarUnit u : CalendarUnit.values()) {
      if (u.id().equals(s)) {
        return new Calendar(u, zone);
      }
    }
    if (s.equals("1M") || s.equalsIgnoreCase("1mo")) {
      throw new IllegalArgumentException("'" + s + "' is ambiguous. Expected month for a "
          + "calendar month or 30d for a rolling window");
    }
    return new Rolling(Durations.parse(s));
  }
}
