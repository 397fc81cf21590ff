package dev.nines.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Arrival times of seller requests: a Poisson process whose rate follows {@link TrafficShape}
 * at the simulated time, drawn by thinning (candidates at the peak rate, each kept with
 * probability rate / peak), so the rate may change between two arrivals without bias.
 */
final class Arrivals {
  private final TrafficShape shape;
  private final DemoTime time;
  private final RandomGenerator random;

  Arrivals(TrafficShape shape, DemoTime time, RandomGenerator random) {
    this.shape = shape;
    this.time = time;
    this.random = random;
  }

  /** The first arrival after the real instant {@code after}. */
  Instant next(Instant after) {
    double peak = shape.peakPerSecond();
    Instant t = after;
    while (true) {
      double gapSeconds = -Math.log(1 - random.nextDouble()) / peak;
      t = t.plus(Duration.ofNanos(Math.max(1, Math.round(gapSeconds * 1e9))));
      if (random.nextDouble() * peak < shape.ratePerSecond(time.simulated(t))) {
        return t;
      }
    }
  }
}
