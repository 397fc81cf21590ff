package dev.nines.slo;

import dev.nines.model.Target;
import dev.nines.model.WindowPeriod;
import java.math.BigDecimal;
import java.util.List;

/**
 * Allowed bad time per window for a target, in exact decimal arithmetic:
 * allowed = (100 - target) / 100 × window seconds. Average calendar lengths follow the
 * Gregorian calendar: a month is 365.25 / 12 = 30.4375 days, a quarter 91.3125 days, a year
 * 365.25 days; a named period ({@code month:2026-10}) uses its real length.
 *
 * @param window the window's name, e.g. {@code day} or {@code month:2026-10}
 */
public record AllowedDowntime(String window, BigDecimal windowSeconds, BigDecimal allowedSeconds) {
  private static final BigDecimal DAY = BigDecimal.valueOf(86_400);

  /** Allowed bad time over a window of {@code days} days. */
  public static AllowedDowntime ofDays(Target target, String window, BigDecimal days) {
    BigDecimal seconds = DAY.multiply(days).stripTrailingZeros();
    return new AllowedDowntime(window, seconds, target.allowedSeconds(seconds));
  }

  /**
   * Allowed bad time over a rolling window of {@code seconds} (exact: milliseconds divide
   * into seconds without a remainder, where days would not: 1 h is 1/24 d).
   */
  public static AllowedDowntime ofSeconds(Target target, String window, BigDecimal seconds) {
    BigDecimal s = seconds.stripTrailingZeros();
    return new AllowedDowntime(window, s, target.allowedSeconds(s));
  }

  /** Allowed bad time over a real period (a 23-hour day, a 31-day month). */
  public static AllowedDowntime ofPeriod(Target target, String window, WindowPeriod period) {
    return new AllowedDowntime(window, period.lengthSeconds(),
        target.allowedSeconds(period.lengthSeconds()));
  }

  /** The standard table: day, week, 30d, month (average), quarter (average), year (365.25 d). */
  public static List<AllowedDowntime> table(Target target) {
    return List.of(
        ofDays(target, "day", BigDecimal.ONE),
        ofDays(target, "week", BigDecimal.valueOf(7)),
        ofDays(target, "30d", BigDecimal.valueOf(30)),
        ofDays(target, "month", new BigDecimal("30.4375")),
        ofDays(target, "quarter", new BigDecimal("91.3125")),
        ofDays(target, "year", new BigDecimal("365.25")));
  }
}
