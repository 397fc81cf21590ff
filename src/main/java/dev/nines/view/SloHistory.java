package dev.nines.view;

import dev.nines.live.LiveSlos;
import dev.nines.model.Target;
import dev.nines.slo.BurnRate;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SLO's current window, or its last hour, six hours, day or week, step by step: the SLI of
 * each step, its burn rate, and the error budget burn-down. The burn-down at the end of a step
 * is the window's budget left if only the bad events up to then had happened: {@link
 * ErrorBudget} of (valid - bad up to then, valid) over the whole window so far, so its last
 * point is the window's budget left whatever the range.
 *
 * @param step the length of one point: a minute, five minutes or an hour by {@link Range}
 */
public record SloHistory(Instant from, Instant to, Duration step, List<Point> points) {
  public SloHistory {
    points = List.copyOf(points);
  }

  /**
   * One step.
   *
   * @param hour the step's start (an hour for hourly steps, else its first minute)
   * @param sliRatio good / valid in the step, null without valid events
   * @param burnRate the step's burn rate, null without valid events
   * @param budgetRemainingRatio the burn-down value at the end of the step
   */
  public record Point(Instant hour, Double sliRatio, Double burnRate, double budgetRemainingRatio) {}

  /**
   * The span a chart shows, ending now, and the step of its points: minute steps over an hour
   * or six, five-minute steps over a day, hours over a week or the window. No range starts
   * before the window.
   */
  public enum Range {
    H1("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    H6("6h", Duration.ofHours(6), Duration.ofMinutes(1)),
    D1("1d", Duration.ofDays(1), Duration.ofMinutes(5)),
    D7("7d", Duration.ofDays(7), Duration.ofHours(1)),
    WINDOW("window", null, Duration.ofHours(1));

    private final String id;
    private final Duration length;
    private final Duration step;

    Range(String id, Duration length, Duration step) {
      this.id = id;
      this.length = length;
      this.step = step;
    }

    public String id() {
      return id;
    }

    /** How far back the range reaches; null for the whole window. */
    public Duration length() {
      return length;
    }

    public Duration step() {
      return step;
    }

    /** Whether the range is shorter than a window of {@code windowLength}, so worth offering. */
    public boolean fits(Duration windowLength) {
      return length == null || length.compareTo(windowLength) < 0;
    }

    /** The range spelled {@code id} ({@code 1h}, {@code 6h}, {@code 1d}, {@code 7d}, {@code window}). */
    public static Range parse(String id) {
      for (Range r : values()) {
        if (r.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
      throw new IllegalArgumentException("range: '" + id + "' is not a range. Expected 1h, 6h, "
          + "1d, 7d or window");
    }
  }

  /**
   * The history of steps {@code [from, to)} of length {@code step} from {@code buckets}
   * (minute or hour buckets, {@code bucketSeconds} long, in period order, inside the range).
   * The burn-down counts {@code validTotal} valid events in the window, of which
   * {@code badBefore} were bad before {@code from}; steps without a bucket have no SLI and burn
   * no budget.
   */
  public static SloHistory of(List<MinuteBucket> buckets, long bucketSeconds, Target target,
      Instant from, Instant to, Duration step, long validTotal, long badBefore) {
    long stepSeconds = step.toSeconds();
    List<Point> points = new ArrayList<>();
    int i = 0;
    long bad = badBefore;
    for (long s = from.getEpochSecond(); s < to.getEpochSecond(); s += stepSeconds) {
      long good = 0;
      long valid = 0;
      while (i < buckets.size() && buckets.get(i).period() * bucketSeconds < s + stepSeconds) {
        MinuteBucket b = buckets.get(i++);
        if (b.period() * bucketSeconds >= s) {
          good += b.good();
          valid += b.valid();
        }
      }
      Double sli = null;
      Double burn = null;
      if (valid > 0) {
        Counts c = new Counts(good, valid);
        sli = c.ratio();
        burn = BurnRate.of(c, target);
        bad += c.bad();
      }
      double left = ErrorBudget.of(new Counts(validTotal - bad, validTotal), target)
          .remainingRatio();
      points.add(new Point(Instant.ofEpochSecond(s), sli, burn, left));
    }
    return new SloHistory(from, to, step, points);
  }

  /**
   * The hourly history of hours {@code [fromHour, toHour)} (epoch hours) that make up the whole
   * window, from {@code buckets} of those hours.
   */
  public static SloHistory of(List<MinuteBucket> buckets, Target target, long fromHour,
      long toHour) {
    long[] totals = totals(buckets);
    return of(buckets, 3600, target, Instant.ofEpochSecond(fromHour * 3600),
        Instant.ofEpochSecond(toHour * 3600), Duration.ofHours(1), totals[1], 0);
  }

  /** The history of {@code v}'s current window up to {@code now}, from the store's hourly rollups. */
  public static SloHistory load(Store store, LiveSlos.View v, Instant now) {
    return load(store, v, now, Range.WINDOW);
  }

  /**
   * The history of {@code v} over {@code range} up to {@code now} (cut at the window's start),
   * with the burn-down over the whole window: hourly rollups count the window, minute buckets
   * the short ranges.
   */
  public static SloHistory load(Store store, LiveSlos.View v, Instant now, Range range) {
    String sli = v.spec().name();
    Target target = v.spec().target();
    long fromHour = Math.floorDiv(v.status().period().start().getEpochSecond(), 3600);
    long toHour = Math.floorDiv(now.getEpochSecond(), 3600) + 1;
    List<MinuteBucket> hours = store.hourBuckets(sli, fromHour, toHour);
    if (range == Range.WINDOW) {
      return of(hours, target, fromHour, toHour);
    }
    long[] window = totals(hours);
    long stepSeconds = range.step().toSeconds();
    long windowStart = fromHour * 3600;
    long start = Math.max(windowStart, now.minus(range.length()).getEpochSecond());
    start = Math.floorDiv(start, stepSeconds) * stepSeconds;
    long end = (Math.floorDiv(now.getEpochSecond(), stepSeconds) + 1) * stepSeconds;
    List<MinuteBucket> inRange;
    long bucketSeconds;
    if (stepSeconds % 3600 == 0) {
      inRange = store.hourBuckets(sli, start / 3600, end / 3600);
      bucketSeconds = 3600;
    } else {
      inRange = store.minuteBuckets(sli, start / 60, end / 60);
      bucketSeconds = 60;
    }
    long[] ranged = totals(inRange);
    long badBefore = Math.max(0, window[0] - ranged[0]);
    return of(inRange, bucketSeconds, target, Instant.ofEpochSecond(start),
        Instant.ofEpochSecond(end), range.step(), window[1], badBefore);
  }

  /** {bad, valid} summed over {@code buckets}. */
  private static long[] totals(List<MinuteBucket> buckets) {
    long bad = 0;
    long valid = 0;
    for (MinuteBucket b : buckets) {
      bad += b.valid() - b.good();
      valid += b.valid();
    }
    return new long[] {bad, valid};
  }
}
