package dev.nines.slo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A bucketed latency histogram with cumulative-style upper bounds in milliseconds (a bucket
 * holds durations in (previous bound, bound]; the last bucket is unbounded). Latency
 * objectives read exact counts at a bound, so an SLO's threshold must be one of the bounds
 * ({@link #boundsIncluding}). A mutable accumulator; not thread-safe.
 */
public final class LatencyHistogram {
  private static final long[] DEFAULT_BOUNDS_MILLIS =
      {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

  private final long[] boundsMillis;
  private final long[] counts;

  private LatencyHistogram(long[] boundsMillis) {
    for (int i = 0; i < boundsMillis.length; i++) {
      if (boundsMillis[i] < 0 || i > 0 && boundsMillis[i] <= boundsMillis[i - 1]) {
        throw new IllegalArgumentException(Arrays.toString(boundsMillis)
            + " are not increasing. Expected strictly increasing non-negative bounds");
      }
    }
    this.boundsMillis = boundsMillis.clone();
    this.counts = new long[boundsMillis.length + 1];
  }

  /** An empty histogram with the given upper bounds. */
  public static LatencyHistogram withBounds(long... boundsMillis) {
    return new LatencyHistogram(boundsMillis);
  }

  /** The default bounds (5 ms to 60 s) with every threshold added, so each is exact. */
  public static long[] boundsIncluding(Collection<Duration> thresholds) {
    TreeSet<Long> all = new TreeSet<>();
    for (long b : DEFAULT_BOUNDS_MILLIS) {
      all.add(b);
    }
    thresholds.forEach(t -> all.add(t.toMillis()));
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  /** Records one request of {@code durationMillis}. */
  public void record(long durationMillis) {
    record(durationMillis, 1);
  }

  /** Records {@code n} requests of {@code durationMillis}. */
  public void record(long durationMillis, long n) {
    counts[bucketIndex(boundsMillis, durationMillis)] += n;
  }

  /**
   * The bucket a duration falls in: the first bound at or above it (a bucket holds
   * {@code (previous bound, bound]}), or {@code boundsMillis.length} for the unbounded last
   * bucket. The one definition of a bucket: histograms here, the ingest router and the
   * {@code /metrics} histograms all use it.
   *
   * @param boundsMillis strictly increasing upper bounds
   */
  public static int bucketIndex(long[] boundsMillis, double millis) {
    int lo = 0;
    int hi = boundsMillis.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (boundsMillis[mid] < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Adds every count of {@code other}, which must have the same bounds. */
  public void add(LatencyHistogram other) {
    if (!Arrays.equals(boundsMillis, other.boundsMillis)) {
      throw new IllegalArgumentException("histograms have different bounds");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  /** All requests recorded. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  /**
   * Requests at or under {@code threshold} as good, of all as valid.
   *
   * @throws IllegalArgumentException when the threshold is not a bound, since the count would
   *     be a guess
   */
  public Counts atOrBelow(Duration threshold) {
    int i = Arrays.binarySearch(boundsMillis, threshold.toMillis());
    if (i < 0) {
      throw new IllegalArgumentException(threshold.toMillis() + "ms is not a bucket bound. "
          + "Expected one of " + Arrays.stream(boundsMillis).mapToObj(Long::toString)
          .collect(Collectors.joining(", ")) + " ms");
    }
    long good = 0;
    for (int b = 0; b <= i; b++) {
      good += counts[b];
    }
    return new Counts(good, total());
  }

  /**
   * The q-quantile in milliseconds, interpolated linearly inside its bucket as Prometheus'
   * {@code histogram_quantile} does; a quantile in the unbounded bucket reports the last bound.
   *
   * @return empty when nothing was recorded
   * @throws IllegalArgumentException when q is outside [0, 1]
   */
  public OptionalDouble quantileMillis(double q) {
    if (!(q >= 0.0 && q <= 1.0)) {
      throw new IllegalArgumentException(q + " is not a quantile. Expected 0 <= q <= 1");
    }
    long total = total();
    if (total == 0) {
      return OptionalDouble.empty();
    }
    double rank = q * total;
    long seen = 0;
    for (int i = 0; i < boundsMillis.length; i++) {
      if (seen + counts[i] >= rank && counts[i] > 0) {
        double lower = i == 0 ? 0.0 : boundsMillis[i - 1];
        double within = (rank - seen) / counts[i];
        return OptionalDouble.of(lower + (boundsMillis[i] - lower) * within);
      }
      seen += counts[i];
    }
    return OptionalDouble.of(boundsMillis.length == 0 ? 0.0 : boundsMillis[boundsMillis.length - 1]);
  }

  /** A copy of the bucket counts, the last being the unbounded bucket. */
  public long[] counts() {
    return counts.clone();
  }

  /** A copy of the upper bounds in milliseconds. */
  public long[] boundsMillis() {
    return boundsMillis.clone();
  }
}
