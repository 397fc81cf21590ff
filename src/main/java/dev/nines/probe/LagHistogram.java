package dev.nines.probe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A concurrent histogram of scheduling lags in 50 microsecond buckets up to 10 s (longer lags
 * share the top bucket; the exact maximum is kept apart). A percentile is the upper edge of
 * the bucket holding the value of rank {@code ceil(p * count)}, so it over-states by at most
 * 50 microseconds; with no values every statistic is zero.
 */
final class LagHistogram {
  private static final long BUCKET_NANOS = 50_000;
  private static final int BUCKETS = 200_000;

  private final AtomicIntegerArray counts = new AtomicIntegerArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong maxNanos = new AtomicLong();

  void record(Duration lag) {
    long nanos = Math.max(0, lag.toNanos());
    counts.incrementAndGet((int) Math.min(BUCKETS - 1, nanos / BUCKET_NANOS));
    total.incrementAndGet();
    maxNanos.accumulateAndGet(nanos, Math::max);
  }

  long count() {
    return total.get();
  }

  Duration max() {
    return Duration.ofNanos(maxNanos.get());
  }

  /** The lag at or below which a fraction {@code p} (0 to 1) of the values fall. */
  Duration percentile(double p) {
    long n = total.get();
    if (n == 0) {
      return Duration.ZERO;
    }
    long rank = Math.max(1, (long) Math.ceil(p * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Duration.ofNanos(Math.min((i + 1) * BUCKET_NANOS, maxNanos.get()));
      }
    }
    return max();
  }
}
