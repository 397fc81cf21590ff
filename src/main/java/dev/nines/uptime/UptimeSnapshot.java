package dev.nines.uptime;

/**
 * Uptime of one monitor, region or SLO over a span: the milliseconds attributed up, down and
 * unknown, and how many of them were uncertain (their interval touches UNKNOWN, or its two
 * checks disagree, so the change happened somewhere inside it). The point value and the bounds
 * are derived, and absent when nothing is known.
 *
 * <p>With {@code total = up + down + unknown} and {@code certainUp = up - uncertainUp}:
 * <ul>
 *   <li>{@link #uptimeRatio()} {@code = up / (up + down)}, null when {@code up + down = 0}
 *       ("no data", never 100 %);
 *   <li>{@link #lowerRatio()} {@code = certainUp / total}: every uncertain interval down;
 *   <li>{@link #upperRatio()} {@code = (certainUp + uncertain) / total}: every uncertain
 *       interval up; both null when {@code total = 0}.
 * </ul>
 * Unknown time is always uncertain, so {@code lower <= uptime <= upper} whenever all three
 * exist. No ratio is ever NaN or infinite.
 *
 * @param uncertainMillis attributed time whose interval was uncertain, unknown time included
 * @param uncertainUpMillis the part of {@code uncertainMillis} attributed up
 */
public record UptimeSnapshot(long upMillis, long downMillis, long unknownMillis,
    long uncertainMillis, long uncertainUpMillis) {
  /** Nothing attributed. */
  public static final UptimeSnapshot EMPTY = new UptimeSnapshot(0, 0, 0, 0, 0);

  public UptimeSnapshot {
    requireNotNegative("upMillis", upMillis);
    requireNotNegative("downMillis", downMillis);
    requireNotNegative("unknownMillis", unknownMillis);
    requireNotNegative("uncertainUpMillis", uncertainUpMillis);
    if (uncertainUpMillis > upMillis || unknownMillis + uncertainUpMillis > uncertainMillis
        || uncertainMillis > upMillis + downMillis + unknownMillis) {
      throw new IllegalArgumentException("uncertain " + uncertainMillis + " ms (" + uncertainUpMillis
          + " up) of up " + upMillis + ", down " + downMillis + ", unknown " + unknownMillis
          + " is inconsistent. Expected unknown + uncertain up <= uncertain <= total and "
          + "uncertain up <= up");
    }
  }

  private static void requireNotNegative(String name, long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException(name + ": " + millis + " is negative. Expected >= 0");
    }
  }

  /** All attributed time, up + down + unknown, in milliseconds. */
  public long totalMillis() {
    return upMillis + downMillis + unknownMillis;
  }

  /** Whether there is a point value: some time was attributed up or down. */
  public boolean hasUptime() {
    return upMillis + downMillis > 0;
  }

  /** {@code up / (up + down)}, or null when nothing was attributed up or down. */
  public Double uptimeRatio() {
    return hasUptime() ? (double) upMillis / (upMillis + downMillis) : null;
  }

  /** The lower bound, every uncertain interval down; null when nothing was attributed. */
  public Double lowerRatio() {
    long total = totalMillis();
    return total == 0 ? null : (double) (upMillis - uncertainUpMillis) / total;
  }

  /** The upper bound, every uncertain interval up; null when nothing was attributed. */
  public Double upperRatio() {
    long total = totalMillis();
    return total == 0 ? null
        : (double) (upMillis - uncertainUpMillis + uncertainMillis) / total;
  }

  /** Both snapshots' time added up. */
  public UptimeSnapshot plus(UptimeSnapshot o) {
    return new UptimeSnapshot(upMillis + o.upMillis, downMillis + o.downMillis,
        unknownMillis + o.unknownMillis, uncertainMillis + o.uncertainMillis,
        uncertainUpMillis + o.uncertainUpMillis);
  }

  /**
   * This snapshot with {@code millis} more attributed as {@code attribution}, certain or not
   * (unknown time is never certain).
   */
  public UptimeSnapshot plus(Attribution attribution, boolean certain, long millis) {
    certain = certain && attribution != Attribution.UNKNOWN;
    long up = attribution == Attribution.UP ? millis : 0;
    return new UptimeSnapshot(upMillis + up,
        downMillis + (attribution == Attribution.DOWN ? millis : 0),
        unknownMillis + (attribution == Attribution.UNKNOWN ? millis : 0),
        uncertainMillis + (certain ? 0 : millis), uncertainUpMillis + (certain ? 0 : up));
  }
}
