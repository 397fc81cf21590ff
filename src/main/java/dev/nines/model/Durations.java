package dev.nines.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Duration shorthand used in specs and on the command line: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h30m}, {@code 28d}, {@code 2w}. Lower-case {@code m} is minutes, as in
 * Prometheus and OpenSLO; months are calendar periods, not durations.
 */
public final class Durations {
  /** The longest duration anything takes: ten years of 365 days, past every window. */
  public static final Duration MAX = Duration.ofDays(3650);

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  /** A duration written correctly but longer than {@link #MAX}. */
  public static final class TooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooLongException(String text) {
      super("'" + text + "' is too long. Expected at most " + format(MAX));
    }
  }

  private Durations() {}

  /**
   * Parses a shorthand duration of at most {@link #MAX}.
   *
   * @throws TooLongException for a longer one (never an arithmetic overflow)
   * @throws IllegalArgumentException naming the text and the accepted form
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration. Expected e.g. 30s, 5m, 1h, 28d");
    }
    String s = text.strip();
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("'" + text + "' is not a duration. Expected digits "
            + "with a unit ms, s, m (minutes), h, d or w, e.g. 30s, 5m, 1h30m, 28d");
      }
      long unitMillis = switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1_000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        case "w" -> 7 * 86_400_000L;
        default -> throw new AssertionError(m.group(2));
      };
      String digits = m.group(1).replaceFirst("^0+(?=.)", "");
      // More than 12 digits of any unit is past MAX; below that, parse and compare first.
      if (digits.length() > 12 || Long.parseLong(digits) > MAX.toMillis() / unitMillis) {
        throw new TooLongException(text);
      }
      total = total.plusMillis(Long.parseLong(digits) * unitMillis);
      if (total.compareTo(MAX) > 0) {
        throw new TooLongException(text);
      }
      at = m.end();
    }
    return total;
  }

  /** Formats a duration in shorthand, days and smaller, e.g. {@code 1h30m}, {@code 28d}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long ms = d.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        b.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return b.toString();
  }
}
