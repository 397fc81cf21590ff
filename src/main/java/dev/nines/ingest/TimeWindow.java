package dev.nines.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The span of times Nines takes from outside (request events, observations, agent results):
 * at most {@link #MAX_AGE} before the server clock, because minute buckets are kept about
 * that long, and at most {@link #MAX_AHEAD} after it, for producers whose clocks run a little
 * fast. One rule for every API, so that no feed can pin a state or a bucket in the far future.
 */
public final class TimeWindow {
  /** Times older than this are refused. */
  public static final Duration MAX_AGE = Duration.ofDays(400);
  /** Times further ahead of the server clock than this are refused. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  /** The rule, as messages state it. */
  public static final String RULE = "Expected within the last " + MAX_AGE.toDays() + " days and "
      + "at most " + MAX_AHEAD.toMinutes() + " minutes ahead of the server clock";

  // Years 0000 to 9999: whatever a parser accepts beyond them cannot be in the window, and
  // inside them epoch milliseconds never overflow.
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private TimeWindow() {}

  /** Whether {@code time} is in the window around {@code now}. */
  public static boolean contains(Instant time, Instant now) {
    return !time.isBefore(oldest(now)) && !time.isAfter(newest(now));
  }

  /** The oldest time kept at {@code now}. */
  public static Instant oldest(Instant now) {
    return now.minus(MAX_AGE);
  }

  /** The newest time taken at {@code now}. */
  public static Instant newest(Instant now) {
    return now.plus(MAX_AHEAD);
  }

  /**
   * Whether {@code time} is a four-digit-year instant, which every window contains or not
   * without overflow; parsers refuse the others at once, with {@link #outside}.
   */
  public static boolean plausible(Instant time) {
    return !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
  }

  /** The message for a time outside the window: {@code TEXT is outside what is kept. Expected ...}. */
  public static String outside(Object time) {
    return time + " is outside what is kept. " + RULE;
  }
}
