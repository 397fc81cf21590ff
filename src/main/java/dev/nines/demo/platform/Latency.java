package dev.nines.demo.platform;

import java.util.concurrent.ThreadLocalRandom;

/** Simulated work time: a skewed draw between two bounds (most near the lower, a long tail). */
final class Latency {
  private Latency() {}

  /** Milliseconds in {@code [minMillis, maxMillis]}, skewed towards {@code minMillis}. */
  static long draw(long minMillis, long maxMillis) {
    double u = ThreadLocalRandom.current().nextDouble();
    return minMillis + Math.round((maxMillis - minMillis) * u * u * u);
  }

  /** Sleeps a {@link #draw}; an interrupt ends the sleep early and stays set. */
  static void spend(long minMillis, long maxMillis) {
    try {
      Thread.sleep(draw(minMillis, maxMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
