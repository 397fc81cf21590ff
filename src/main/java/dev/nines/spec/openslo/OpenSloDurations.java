package dev.nines.spec.openslo;

import dev.nines.model.CalendarUnit;
import dev.nines.spec.Fields;
import dev.nines.spec.YamlNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSLO's duration shorthand: a whole number and one case-sensitive unit, {@code m}
 * (minutes), {@code h}, {@code d}, {@code w}, or the calendar periods {@code M} (months),
 * {@code Q} (quarters) and {@code Y} (years), which have no fixed length.
 */
final class OpenSloDurations {
  private static final Pattern SHORTHAND = Pattern.compile("(\\d+)([mhdwMQY])");
  private static final String FORM = "Expected a whole number and one unit m (minutes), h, d, "
      + "w, M (months), Q or Y, e.g. 28d";

  private OpenSloDurations() {}

  /** A parsed shorthand: {@code count} of {@code unit}. */
  record Shorthand(long count, char unit) {}

  static Shorthand parse(String text) {
    Matcher m = SHORTHAND.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(text + " is not a duration shorthand. " + FORM);
    }
    String digits = m.group(1).replaceFirst("^0+(?=.)", "");
    if (digits.length() > 12) {
      throw new IllegalArgumentException("'" + text.strip() + "' is too long. Expected at most "
          + dev.nines.model.Durations.format(dev.nines.model.Durations.MAX));
    }
    return new Shorthand(Long.parseLong(digits), m.group(2).charAt(0));
  }

  /** A fixed-length duration; months, quarters and years are refused. */
  static Duration fixed(String text) {
    Shorthand s = parse(text);
    long minutesPerUnit = switch (s.unit()) {
      case 'm' -> 1;
      case 'h' -> 60;
      case 'd' -> 1_440;
      case 'w' -> 10_080;
      default -> throw new IllegalArgumentException(text.strip() + " is a calendar period with "
          + "no fixed length. Expected minutes, hours, days or weeks (m, h, d, w), e.g. 30d");
    };
    if (s.count() > dev.nines.model.Durations.MAX.toMinutes() / minutesPerUnit) {
      throw new IllegalArgumentException("'" + text.strip() + "' is too long. Expected at most "
          + dev.nines.model.Durations.format(dev.nines.model.Durations.MAX));
    }
    return Duration.ofMinutes(s.count() * minutesPerUnit);
  }

  /**
   * A fixed duration at {@code f.key}, or null (reported). A bare number is minutes, as
   * OpenSLO defines for {@code timeSliceWindow}.
   */
  static Duration read(Fields f, String key, boolean required) {
    if (f.raw(key) instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.NUMBER) {
      return f.parsed(key, n -> fixed(n.strip() + "m"), required);
    }
    return f.parsed(key, OpenSloDurations::fixed, required);
  }

  /**
   * The calendar period of a calendar-aligned window: exactly one day, week, month, quarter
   * or year ({@code 1d 1w 1M 1Q 1Y}).
   */
  static CalendarUnit calendarUnit(String text) {
    Shorthand s = parse(text);
    String rule = "Expected 1M for a calendar month (calendar windows are 1d, 1w, 1M, 1Q or 1Y)";
    if (s.unit() == 'm') {
      String amount = s.count() == 1 ? "one minute" : s.count() + " minutes";
      throw new IllegalArgumentException(text.strip() + " is " + amount
          + ": lower-case m means minutes. " + rule);
    }
    if (s.count() != 1 || s.unit() == 'h') {
      throw new IllegalArgumentException(text.strip() + " is not one calendar period. "
          + "Expected 1d, 1w, 1M, 1Q or 1Y");
    }
    return switch (s.unit()) {
      case 'd' -> CalendarUnit.DAY;
      case 'w' -> CalendarUnit.WEEK;
      case 'M' -> CalendarUnit.MONTH;
      case 'Q' -> CalendarUnit.QUARTER;
      default -> CalendarUnit.YEAR;
    };
  }

  /** The shorthand of a calendar period: {@code 1d 1w 1M 1Q 1Y}. */
  static String of(CalendarUnit unit) {
    return switch (unit) {
      case DAY -> "1d";
      case WEEK -> "1w";
      case MONTH -> "1M";
      case QUARTER -> "1Q";
      case YEAR -> "1Y";
    };
  }

  /**
   * Formats a duration with the largest single unit that divides it: {@code 28d}, {@code 6h},
   * {@code 90m}.
   *
   * @throws IllegalArgumentException when it is not whole minutes, which OpenSLO cannot write
   */
  static String format(Duration d) {
    long minutes = d.toMinutes();
    if (d.isNegative() || d.isZero() || !Duration.ofMinutes(minutes).equals(d)) {
      throw new IllegalArgumentException(d + " is not a positive whole number of minutes. "
          + "Expected a duration OpenSLO can write (m, h, d)");
    }
    if (minutes % 1440 == 0) {
      return minutes / 1440 + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }
}
