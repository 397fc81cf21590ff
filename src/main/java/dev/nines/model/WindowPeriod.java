package dev.nines.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** A half-open span of time [start, end) over which an SLO is evaluated. */
public record WindowPeriod(Instant start, Instant end) {
  public WindowPeriod {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("window start " + start + " is not before end " + end);
    }
  }

  /** The real length, e.g. 23 h for a day when clocks go forward. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** The real length in seconds, exact to the millisecond. */
  public BigDecimal lengthSeconds() {
    return BigDecimal.valueOf(length().toMillis(), 3).stripTrailingZeros();
  }

  /** Whether {@code t} lies in [start, end). */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
