package dev.nines.testing;

import java.time.Clock;
import java.time.Instant;

/**
 * The real time, for the few tests whose subject runs on it: a TLS stack checks certificates
 * against it, and child processes, agents and real probes stamp what they measure with it.
 * Never for laying data whose meaning depends on the calendar (a month, a day, a week): use a
 * {@link FakeClock} for that. {@code .ci/run} runs the suite under faketime at month, year and
 * DST boundaries to prove that nothing here depends on the day it runs.
 */
public final class WallClock {
  private WallClock() {}

  /** The system clock in UTC. */
  public static Clock clock() {
    return Clock.systemUTC();
  }

  /** The current instant. */
  public static Instant now() {
    return clock().instant();
  }
}
