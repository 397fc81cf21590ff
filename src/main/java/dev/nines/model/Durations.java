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
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * Parses a shorthand duration.
   *
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
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> throw new AssertionError(m.group(2));
      });
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
