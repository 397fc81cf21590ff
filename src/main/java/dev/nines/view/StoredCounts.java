package dev.nines.view;

import dev.nines.slo.Counts;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import java.time.Instant;
import java.util.List;

/**
 * Good and valid counts of an SLI over any span of whole minutes, read from the store: the
 * whole hours from the hourly rollups, the minutes at either edge from the minute buckets, so
 * a 30-day span costs about 720 rows and is exact to the minute.
 */
public final class StoredCounts {
  private StoredCounts() {}

  /** The counts of {@code sli} over epoch minutes [fromMinute, toMinute). */
  public static Counts between(Store store, String sli, long fromMinute, long toMinute) {
    if (fromMinute >= toMinute) {
      return Counts.ZERO;
    }
    long firstHour = Math.floorDiv(fromMinute + 59, 60);
    long lastHour = Math.floorDiv(toMinute, 60);
    if (firstHour >= lastHour) {
      return sum(store.minuteBuckets(sli, fromMinute, toMinute));
    }
    Counts head = sum(store.minuteBuckets(sli, fromMinute, firstHour * 60));
    Counts body = sum(store.hourBuckets(sli, firstHour, lastHour));
    Counts tail = sum(store.minuteBuckets(sli, lastHour * 60, toMinute));
    return new Counts(head.good() + body.good() + tail.good(),
        head.valid() + body.valid() + tail.valid());
  }

  /** The counts of {@code sli} over [from, to), each end rounded down to its minute. */
  public static Counts between(Store store, String sli, Instant from, Instant to) {
    return between(store, sli, Math.floorDiv(from.getEpochSecond(), 60),
        Math.floorDiv(to.getEpochSecond(), 60));
  }

  static Counts sum(List<MinuteBucket> buckets) {
    long good = 0;
    long valid = 0;
    for (MinuteBucket b : buckets) {
      good += b.good();
      valid += b.valid();
    }
    return new Counts(good, valid);
  }
}
