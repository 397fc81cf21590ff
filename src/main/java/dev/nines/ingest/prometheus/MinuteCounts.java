package dev.nines.ingest.prometheus;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import java.util.List;
import java.util.Optional;

/**
 * The rule that turns one minute of Prometheus values into a good/valid bucket. A count query
 * is read as events per second over the minute (Sloth's {@code sum(rate(x[{{.window}}]))}
 * with the window set to {@code 1m}), so a minute's events are {@code value × 60}, rounded to
 * the nearest whole event. An error ratio has no event count and is given a fixed weight.
 */
public final class MinuteCounts {
  /** Seconds in a minute: per-second rates times this are a minute's events. */
  public static final int SECONDS_PER_MINUTE = 60;
  /**
   * The pseudo-events of every minute of a raw error ratio: a ratio says nothing about traffic,
   * so each minute with data weighs the same (as Sloth averages its ratios over time), with a
   * resolution of one part per million.
   */
  public static final long RAW_RATIO_WEIGHT = 1_000_000;

  private MinuteCounts() {}

  /**
   * A minute's bucket from per-second rates: {@code valid = round(total × 60)} and
   * {@code good = round(good × 60)}, or {@code valid − round(bad × 60)} when bad is given;
   * good is then clamped into [0, valid], since two queries sampled a moment apart may
   * disagree by an event.
   *
   * <p>No bucket (empty) when total is absent, not finite, or rounds to no event; and when
   * good or bad is present but not finite. An absent good or bad with a total present counts
   * as zero: a counter of errors often has no series until the first error.
   *
   * @param goodPerSecond good events per second, or null when absent
   * @param badPerSecond bad events per second, or null when absent
   * @param totalPerSecond valid events per second, or null when absent
   */
  public static Optional<BucketDelta> ofRates(String slo, long minute, Double goodPerSecond,
      Double badPerSecond, Double totalPerSecond) {
    if (totalPerSecond == null || !Double.isFinite(totalPerSecond)
        || isNonFinite(goodPerSecond) || isNonFinite(badPerSecond)) {
      return Optional.empty();
    }
    long valid = events(totalPerSecond);
    if (valid <= 0) {
      return Optional.empty();
    }
    long good = badPerSecond != null ? valid - events(badPerSecond)
        : goodPerSecond != null ? events(goodPerSecond) : 0;
    return Optional.of(new BucketDelta(slo, minute, Math.clamp(good, 0, valid), valid));
  }

  /**
   * A minute's bucket from an error ratio r: {@code valid = } {@link #RAW_RATIO_WEIGHT} and
   * {@code good = round((1 − r) × valid)}. No bucket when r is absent, not finite or outside
   * [0, 1] (no traffic gives NaN; a ratio out of range is not an error ratio).
   */
  public static Optional<BucketDelta> ofErrorRatio(String slo, long minute, Double errorRatio) {
    if (errorRatio == null || !(errorRatio >= 0 && errorRatio <= 1)) {
      return Optional.empty();
    }
    long good = Math.round((1 - errorRatio) * RAW_RATIO_WEIGHT);
    return Optional.of(new BucketDelta(slo, minute, good, RAW_RATIO_WEIGHT));
  }

  /** The idempotency key of one SLO-minute pulled from Prometheus, by puller and backfill alike. */
  public static String idempotencyKey(String slo, long minute) {
    return "prom:" + slo + ":" + minute;
  }

  /**
   * The batch that stores one pulled minute exactly once. It counts as one event for the
   * ingest queue's bound: it is one aggregate row, not events held in memory. Its key guards
   * the minute, so the store keeps it as long as the minute's buckets.
   */
  public static IngestBatch batch(BucketDelta d) {
    return new IngestBatch(idempotencyKey(d.sli(), d.minute()), List.of(d), List.of(), 1, null,
        d.minute());
  }

  private static long events(double perSecond) {
    return Math.round(perSecond * SECONDS_PER_MINUTE);
  }

  private static boolean isNonFinite(Double v) {
    return v != null && !Double.isFinite(v);
  }
}
