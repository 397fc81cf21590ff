package dev.nines.uptime;

/**
 * Uptime of one monitor or service over a span: time attributed up, down and unknown, the
 * point uptime and the bounds that say how much the monitoring itself does not know. Ratios
 * are 0–1 and always satisfy {@code 0 <= lowerRatio <= uptimeRatio <= upperRatio <= 1}.
 */
public record UptimeSnapshot(long upMillis, long downMillis, long unknownMillis,
    double uptimeRatio, double lowerRatio, double upperRatio) {

  public UptimeSnapshot {
    requireNotNegative("upMillis", upMillis);
    requireNotNegative("downMillis", downMillis);
    requireNotNegative("unknownMillis", unknownMillis);
    if (!(0 <= lowerRatio && lowerRatio <= uptimeRatio && uptimeRatio <= upperRatio
        && upperRatio <= 1)) {
      throw new IllegalArgumentException("ratios lower " + lowerRatio + ", uptime "
          + uptimeRatio + ", upper " + upperRatio + " are out of order. "
          + "Expected 0 <= lower <= uptime <= upper <= 1");
    }
  }

  private static void requireNotNegative(String name, long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException(name + ": " + millis + " is negative. Expected >= 0");
    }
  }

  /** All attributed time, up + down + unknown, in milliseconds. */
  public long observedMillis() {
    return upMillis + downMillis + unknownMillis;
  }

  /** Up time in seconds, {@code upMillis / 1000}. */
  public double upSeconds() {
    return upMillis / 1000.0;
  }

  /** Down time in seconds, {@code downMillis / 1000}. */
  public double downSeconds() {
    return downMillis / 1000.0;
  }

  /** Unknown time in seconds, {@code unknownMillis / 1000}. */
  public double unknownSeconds() {
    return unknownMillis / 1000.0;
  }
}
