package dev.nines.view;

import dev.nines.model.Target;
import dev.nines.live.LiveSlos;
import dev.nines.slo.BurnRate;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An SLO's current window hour by hour, from the hourly rollups: the SLI of each hour, the
 * burn rate of each hour, and the error budget burn-down. The burn-down at the end of hour h
 * is the budget left if only the bad events up to h had happened: {@link ErrorBudget} of
 * (valid - bad up to h, valid) over the whole window so far, so its last point is the
 * window's budget left.
 */
public record SloHistory(Instant from, Instant to, List<Point> points) {
  public SloHistory {
    points = List.copyOf(points);
  }

  /**
   * One hour.
   *
   * @param sliRatio good / valid in the hour, null without valid events
   * @param burnRate the hour's burn rate, null without valid events
   * @param budgetRemainingRatio the burn-down value at the end of the hour
   */
  public record Point(Instant hour, Double sliRatio, Double burnRate, double budgetRemainingRatio) {}

  /**
   * Builds the history of hours {@code [fromHour, toHour)} (epoch hours) from {@code buckets}
   * of those hours; hours without a bucket have no SLI and burn no budget.
   */
  public static SloHistory of(List<MinuteBucket> buckets, Target target, long fromHour,
      long toHour) {
    long validTotal = 0;
    for (MinuteBucket b : buckets) {
      validTotal += b.valid();
    }
    List<Point> points = new ArrayList<>();
    int i = 0;
    long bad = 0;
    for (long h = fromHour; h < toHour; h++) {
      while (i < buckets.size() && buckets.get(i).period() < h) {
        i++;
      }
      Double sli = null;
      Double burn = null;
      if (i < buckets.size() && buckets.get(i).period() == h && buckets.get(i).valid() > 0) {
        Counts c = new Counts(buckets.get(i).good(), buckets.get(i).valid());
        sli = c.ratio();
        burn = BurnRate.of(c, target);
        bad += c.bad();
      }
      double left = ErrorBudget.of(new Counts(validTotal - bad, validTotal), target)
          .remainingRatio();
      points.add(new Point(Instant.ofEpochSecond(h * 3600), sli, burn, left));
    }
    return new SloHistory(Instant.ofEpochSecond(fromHour * 3600),
        Instant.ofEpochSecond(toHour * 3600), points);
  }

  /** The history of {@code v}'s current window up to {@code now}, from the store's hourly rollups. */
  public static SloHistory load(Store store, LiveSlos.View v, Instant now) {
    long fromHour = Math.floorDiv(v.status().period().start().getEpochSecond(), 3600);
    long toHour = Math.floorDiv(now.getEpochSecond(), 3600) + 1;
    return of(store.hourBuckets(v.spec().name(), fromHour, toHour), v.spec().target(), fromHour,
        toHour);
  }
}
