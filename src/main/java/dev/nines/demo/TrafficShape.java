package dev.nines.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How many seller requests per second the platform gets at a (simulated) instant: a working
 * day in {@code zone} with a morning and an afternoon peak and a small evening one, quiet
 * nights at {@code nightRatio} of the peak, weekends with {@code weekendRatio} of the weekday's
 * daytime traffic. The rate never falls below {@code peakPerSecond * nightRatio}.
 */
public record TrafficShape(double peakPerSecond, double nightRatio, double weekendRatio,
    ZoneId zone) {
  /** A few requests per second at the Berlin peak: plenty on loopback, light on two cores. */
  public static final TrafficShape DEFAULT = new TrafficShape(5, 0.2, 0.5,
      ZoneId.of("Europe/Berlin"));

  public TrafficShape {
    if (!(peakPerSecond > 0) || !(nightRatio > 0 && nightRatio <= 1)
        || !(weekendRatio > 0 && weekendRatio <= 1)) {
      throw new IllegalArgumentException("traffic shape: peak " + peakPerSecond + "/s, night "
          + nightRatio + ", weekend " + weekendRatio + ". Expected peak > 0 and ratios in (0, 1]");
    }
  }

  /** Requests per second at {@code t}, local time in {@link #zone}. */
  public double ratePerSecond(Instant t) {
    ZonedDateTime local = t.atZone(zone);
    double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY
        || local.getDayOfWeek() == DayOfWeek.SUNDAY;
    double day = dayCurve(hour) * (weekend ? weekendRatio : 1);
    return peakPerSecond * (nightRatio + (1 - nightRatio) * day);
  }

  /**
   * The working-day curve, 0 to 1, of the local hour (0 to 24): bell curves at 10:30, 15:00
   * and 20:30 on the 24-hour circle (so 24:00 joins 00:00), near 0 between one and six.
   */
  static double dayCurve(double hour) {
    double c = 0.85 * bell(hour, 10.5, 2.0) + bell(hour, 15.0, 2.3) + 0.25 * bell(hour, 20.5, 1.5);
    return Math.min(1, c);
  }

  private static double bell(double hour, double mean, double sd) {
    double d = ((hour - mean) % 24 + 36) % 24 - 12;  // the shorter way round the clock
    double z = d / sd;
    return Math.exp(-z * z / 2);
  }
}
