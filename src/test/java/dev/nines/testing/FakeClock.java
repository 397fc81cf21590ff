package dev.nines.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, so that data laid "relative to now" means
 * the same at any real instant. Thread-safe: a server's threads read what the test set.
 */
public final class FakeClock extends Clock {
  /**
   * The instant tests use as "now" unless they test a boundary: a Wednesday in the middle of
   * November 2026, a 30-day month, weeks away from a DST change in Europe/Berlin.
   */
  public static final Instant NOW = Instant.parse("2026-11-18T10:30:00Z");

  private volatile Instant now;

  public FakeClock(Instant now) {
    this.now = now;
  }

  /** A clock at {@link #NOW}. */
  public FakeClock() {
    this(NOW);
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now = instant;
  }

  /** Moves the time on. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override public Instant instant() {
    return now;
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    return this;
  }
}
