package dev.nines.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo's simulated time: from {@code start}, {@code speed} simulated seconds pass per real
 * second, so {@code --speed 60} plays a day's traffic cycle in 24 minutes and an hour of the
 * fault schedule in one.
 */
public record DemoTime(Instant start, double speed) {
  /** The largest speed: a simulated year in under three hours. */
  public static final double MAX_SPEED = 3_600;

  public DemoTime {
    if (!(speed >= 1 && speed <= MAX_SPEED)) {
      throw new IllegalArgumentException("speed " + speed + " is out of range. Expected 1 to "
          + (int) MAX_SPEED);
    }
  }

  /** The simulated instant at the real instant {@code now}. */
  public Instant simulated(Instant now) {
    return start.plus(simulatedElapsed(now));
  }

  /** Simulated time since the start at the real instant {@code now} (negative before it). */
  public Duration simulatedElapsed(Instant now) {
    return scale(Duration.between(start, now), speed);
  }

  /** The real time a simulated duration takes at this speed, at least one millisecond. */
  public Duration real(Duration simulated) {
    Duration d = scale(simulated, 1 / speed);
    return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos(Math.round(d.toNanos() * factor));
  }
}
