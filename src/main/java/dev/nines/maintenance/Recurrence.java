package dev.nines.maintenance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * An RFC 5545 recurrence rule ({@code FREQ=WEEKLY;BYDAY=SU}) anchored at a first start in a
 * time zone, expanded with dmfs lib-recur. Starts are computed in local time, so a window at
 * 02:00 Europe/Berlin stays at 02:00 on both sides of a DST change.
 */
public final class Recurrence {
  /** At most this many starts are expanded for one query, so a secondly rule cannot run away. */
  static final int MAX_STARTS = 10_000;

  private final RecurrenceRule rule;
  private final Instant first;
  private final TimeZone zone;

  private Recurrence(RecurrenceRule rule, Instant first, ZoneId zone) {
    this.rule = rule;
    this.first = first;
    this.zone = TimeZone.getTimeZone(zone);
  }

  /**
   * Parses a rule (with or without the {@code RRULE:} prefix).
   *
   * @throws IllegalArgumentException naming the rule and what is wrong with it
   */
  public static Recurrence parse(String rrule, Instant first, ZoneId zone) {
    String text = rrule.strip();
    if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
      text = text.substring(6);
    }
    RecurrenceRule rule;
    try {
      rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
    } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + rrule + "' is not a recurrence rule ("
          + e.getMessage() + "). Expected an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SU");
    }
    String freq = rule.getFreq().name();
    if (freq.equals("SECONDLY") || freq.equals("MINUTELY")) {
      throw new IllegalArgumentException("'" + rrule + "' repeats every " + freq.toLowerCase(
          java.util.Locale.ROOT).replace("ly", "") + ". Expected HOURLY or a longer frequency");
    }
    return new Recurrence(rule, first, zone);
  }

  /**
   * Every start in [from, to) of windows that may overlap it: starts from {@code from - length}
   * on, so a window that began before {@code from} and is still going on is included.
   */
  public List<Instant> startsBetween(Instant from, Instant to, java.time.Duration length) {
    List<Instant> out = new ArrayList<>();
    RecurrenceRuleIterator it = rule.iterator(first.toEpochMilli(), zone);
    long earliest = from.minus(length).toEpochMilli();
    if (earliest > first.toEpochMilli()) {
      it.fastForward(earliest);
    }
    long end = to.toEpochMilli();
    while (it.hasNext() && out.size() < MAX_STARTS) {
      long next = it.nextMillis();
      if (next >= end) {
        break;
      }
      out.add(Instant.ofEpochMilli(next));
    }
    return out;
  }
}
