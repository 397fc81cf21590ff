package dev.nines.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar periods for calendar-aligned SLO windows: day, ISO week (Monday first), month,
 * quarter and year. Period boundaries are local midnights in a time zone, so a day can last
 * 23 or 25 hours across a daylight-saving change.
 */
public enum CalendarUnit {
  DAY("day", Duration.ofDays(1)),
  WEEK("week", Duration.ofDays(7)),
  MONTH("month", Duration.ofDays(30)),
  QUARTER("quarter", Duration.ofDays(90)),
  YEAR("year", Duration.ofDays(365));

  private final String id;
  private final Duration nominal;

  CalendarUnit(String id, Duration nominal) {
    this.id = id;
    this.nominal = nominal;
  }

  /** The spelling used in specs. */
  public String id() {
    return id;
  }

  /**
   * The length used where a fixed length is needed (burn-rate factors): 1, 7, 30, 90 or 365
   * days. Budgets always use the real period length.
   */
  public Duration nominalLength() {
    return nominal;
  }

  /** The first day of the period that contains {@code date}. */
  public LocalDate firstDay(LocalDate date) {
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
      case YEAR -> date.withDayOfYear(1);
    };
  }

  /** The first day of the period after the one starting at {@code first}. */
  public LocalDate nextFirstDay(LocalDate first) {
    return switch (this) {
      case DAY -> first.plusDays(1);
      case WEEK -> first.plusWeeks(1);
      case MONTH -> first.plusMonths(1);
      case QUARTER -> first.plusMonths(3);
      case YEAR -> first.plusYears(1);
    };
  }

  /** The period (local midnight to local midnight in {@code zone}) that contains {@code date}. */
  public WindowPeriod periodOf(LocalDate date, ZoneId zone) {
    LocalDate first = firstDay(date);
    ZonedDateTime start = first.atStartOfDay(zone);
    ZonedDateTime end = nextFirstDay(first).atStartOfDay(zone);
    return new WindowPeriod(start.toInstant(), end.toInstant());
  }

  /**
   * Parses one named period: {@code day:2026-03-29}, {@code week:2026-W13},
   * {@code month:2026-10}, {@code quarter:2026-Q4} or {@code year:2026}.
   */
  public static WindowPeriod parsePeriod(String text, ZoneId zone) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' names no period. Expected e.g. "
          + "month:2026-10");
    }
    CalendarUnit unit = parse(text.substring(0, colon));
    String when = text.substring(colon + 1);
    try {
      LocalDate date = switch (unit) {
        case DAY -> LocalDate.parse(when);
        case WEEK -> LocalDate.parse(when + "-1", java.time.format.DateTimeFormatter.ISO_WEEK_DATE);
        case MONTH -> java.time.YearMonth.parse(when).atDay(1);
        case QUARTER -> quarterStart(when);
        case YEAR -> java.time.Year.parse(when).atDay(1);
      };
      return unit.periodOf(date, zone);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a " + unit.id + ". Expected "
          + switch (unit) {
            case DAY -> "day:YYYY-MM-DD";
            case WEEK -> "week:YYYY-Www";
            case MONTH -> "month:YYYY-MM";
            case QUARTER -> "quarter:YYYY-Qn";
            case YEAR -> "year:YYYY";
          });
    }
  }

  private static LocalDate quarterStart(String when) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(when);
    if (!m.matches()) {
      throw new java.time.format.DateTimeParseException("not a quarter", when, 0);
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
  }

  /** Looks up a unit by its spec spelling. */
  public static CalendarUnit parse(String text) {
    for (CalendarUnit u : values()) {
      if (u.id.equals(text)) {
        return u;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a calendar period. "
        + "Expected day, week, month, quarter or year");
  }
}
