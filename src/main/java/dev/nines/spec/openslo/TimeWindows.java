package dev.nines.spec.openslo;

import dev.nines.model.CalendarUnit;
import dev.nines.model.SloWindow;
import dev.nines.spec.Fields;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads an OpenSLO v1 {@code timeWindow} into a Nines window: a rolling window of fixed length,
 * or a calendar-aligned window of one day, week, month, quarter or year in a time zone.
 */
final class TimeWindows {
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private TimeWindows() {}

  /** The window of an SLO spec, or null (reported). */
  static SloWindow read(Fields spec) {
    List<Fields> items = spec.maps("timeWindow");
    if (items.size() != 1) {
      if (items.isEmpty() && !spec.has("timeWindow")) {
        OpenSloObject.required(spec, "timeWindow", "one window, e.g. - duration: 28d "
            + "with isRolling: true");
      } else if (items.size() > 1) {
        spec.error("timeWindow", "has " + items.size() + " windows. Expected exactly one");
      }
      return null;
    }
    Fields w = items.get(0);
    w.allowOnly("duration", "isRolling", "calendar");
    Fields calendar = w.map("calendar");
    boolean rolling = w.bool("isRolling", calendar == null);
    return rolling ? rolling(w, calendar) : calendar(w, calendar);
  }

  private static SloWindow rolling(Fields w, Fields calendar) {
    if (calendar != null) {
      w.error("calendar", "is only used with isRolling: false. Expected no calendar on a "
          + "rolling window");
    }
    Duration length = w.parsed("duration", OpenSloDurations::fixed, true);
    if (length == null) {
      return null;
    }
    try {
      return new SloWindow.Rolling(length);
    } catch (IllegalArgumentException e) {
      w.error("duration", e.getMessage());
      return null;
    }
  }

  private static SloWindow calendar(Fields w, Fields calendar) {
    CalendarUnit unit = w.parsed("duration", OpenSloDurations::calendarUnit, true);
    if (calendar == null) {
      OpenSloObject.required(w, "calendar", "timeZone and startTime with isRolling: false");
      return null;
    }
    calendar.allowOnly("startTime", "timeZone");
    ZoneId zone = calendar.parsed("timeZone", TimeWindows::zone, true);
    LocalDateTime start = calendar.parsed("startTime", TimeWindows::start, false);
    if (unit == null || zone == null) {
      return null;
    }
    if (start != null && !isPeriodStart(unit, start)) {
      calendar.warning("startTime", calendar.string("startTime") + " is not the start of a "
          + unit.id() + ". Nines starts every " + unit.id() + " at local midnight on its first "
          + "day (weeks on Monday), so the start time is ignored");
    }
    return new SloWindow.Calendar(unit, zone);
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(text + " is not a time zone. Expected an IANA name, "
          + "e.g. America/New_York");
    }
  }

  private static LocalDateTime start(String text) {
    try {
      return LocalDateTime.parse(text.strip(), START);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(text + " is not a date and time. Expected "
          + "yyyy-MM-dd HH:mm:ss, e.g. 2024-01-01 00:00:00");
    }
  }

  private static boolean isPeriodStart(CalendarUnit unit, LocalDateTime start) {
    return start.toLocalTime().equals(LocalTime.MIDNIGHT)
        && unit.firstDay(start.toLocalDate()).equals(start.toLocalDate());
  }
}
