package dev.nines.slo;

import dev.nines.model.AlertWindow;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import dev.nines.model.WindowPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Live evaluation of many SLOs from per-minute buckets. Each SLO keeps a {@link MinuteRing}
 * and running good/valid sums for every look-back it needs (its alert windows, the forecast
 * windows, and its SLO window), so moving on by a minute costs a few additions per SLO;
 * {@link #recompute()} rebuilds every sum from the rings. Sums cover whole minutes
 * [now - look-back, now). An SLO with time-slice budgeting ({@link TimeSlices}) sums its
 * slices instead: each slice is judged from its minutes when its last minute completes (and
 * judged again when late data reaches it), and counts at that last minute. Time is passed in
 * as epoch minutes; a mutable accumulator, not thread-safe.
 */
public final class SloEngine {
  /** Look-backs whose burn rates forecast budget exhaustion. */
  public static final List<Duration> FORECASTS =
      List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));
  /** How far ahead of now events may be recorded (clock skew), in minutes. */
  public static final int AHEAD_MINUTES = 60;

  /**
   * What the engine needs of an SLO.
   *
   * @param slices how it counts time slices, or null to count occurrences (events)
   */
  public record Definition(Target target, SloWindow window, List<AlertWindow> alerts,
      TimeSlices slices) {
    /** An SLO that counts occurrences. */
    public Definition(Target target, SloWindow window, List<AlertWindow> alerts) {
      this(target, window, alerts, null);
    }
  }

  private final Slo[] slos;
  private long now;

  /**
   * An engine whose first complete minute ends at {@code nowMinute}.
   *
   * @param nowMinute the epoch minute now; minutes before it are complete
   */
  public SloEngine(List<Definition> definitions, long nowMinute) {
    this.now = nowMinute;
    this.slos = new Slo[definitions.size()];
    for (int i = 0; i < slos.length; i++) {
      slos[i] = new Slo(definitions.get(i), nowMinute);
    }
  }

  public int size() {
    return slos.length;
  }

  /** The epoch minute up to which (exclusive) minutes are complete and counted. */
  public long nowMinute() {
    return now;
  }

  /**
   * Records events of SLO {@code slo} in {@code minute}. A minute before now is added to
   * every sum that covers it, so late data is counted exactly once.
   *
   * @return false, changing nothing, when the minute is older than the ring or more than
   *     {@link #AHEAD_MINUTES} ahead of now
   */
  public boolean record(int slo, long minute, long good, long valid) {
    if (minute >= now + AHEAD_MINUTES) {
      return false;
    }
    Slo s = slos[slo];
    if (!s.ring.add(minute, good, valid)) {
      return false;
    }
    if (s.slices != null) {
      s.rejudge(minute, now);
      return true;
    }
    if (minute < now) {
      for (int k = 0; k < s.lookbacks.length; k++) {
        if (minute >= now - s.lookbacks[k]) {
          s.sums[2 * k] += good;
          s.sums[2 * k + 1] += valid;
        }
      }
      if (s.calendar && minute >= s.periodStart) {
        s.periodSums[0] += good;
        s.periodSums[1] += valid;
      }
    }
    return true;
  }

  /** Moves now forward to {@code toMinute}, sliding every sum one minute at a time. */
  public void advance(long toMinute) {
    for (long m = now; m < toMinute; m++) {
      for (Slo s : slos) {
        s.slide(m);
      }
    }
    now = Math.max(now, toMinute);
    for (Slo s : slos) {
      if (s.calendar && now >= s.periodEnd) {
        s.startPeriod(now);
        s.periodSums[0] = 0;
        s.periodSums[1] = 0;
      }
    }
  }

  /** Rebuilds every sum from the rings: the full evaluation. */
  public void recompute() {
    long[] acc = new long[2];
    for (Slo s : slos) {
      if (s.slices != null) {
        s.judgeAll(now);
      }
      for (int k = 0; k < s.lookbacks.length; k++) {
        acc[0] = 0;
        acc[1] = 0;
        s.sumInto(now - s.lookbacks[k], now, acc);
        s.sums[2 * k] = acc[0];
        s.sums[2 * k + 1] = acc[1];
      }
      if (s.calendar) {
        s.startPeriod(now);
        acc[0] = 0;
        acc[1] = 0;
        s.sumInto(s.periodStart, now, acc);
        s.periodSums[0] = acc[0];
        s.periodSums[1] = acc[1];
      }
    }
  }

  /** Counts of SLO {@code slo} over the last {@code lookback}, one of its look-backs. */
  public Counts counts(int slo, Duration lookback) {
    Slo s = slos[slo];
    long minutes = lookback.toMinutes();
    for (int k = 0; k < s.lookbacks.length; k++) {
      if (s.lookbacks[k] == minutes) {
        return new Counts(s.sums[2 * k], s.sums[2 * k + 1]);
      }
    }
    throw new IllegalArgumentException(lookback + " is not a look-back of SLO " + slo);
  }

  /** The SLO's state now: budget, burn-rate conditions, alert and forecasts. */
  public SloStatus status(int slo) {
    Slo s = slos[slo];
    Instant at = Instant.ofEpochSecond(now * 60);
    WindowPeriod period = s.def.window().periodAt(at);
    Counts window = s.calendar ? new Counts(s.periodSums[0], s.periodSums[1])
        : counts(slo, s.def.window().nominalLength());
    ErrorBudget budget = ErrorBudget.of(window, s.budgetRatio);
    List<BurnCondition> conditions = s.alerts.evaluate(s.budgetRatio, d -> counts(slo, d));
    List<SloStatus.Forecast> forecasts = new ArrayList<>(FORECASTS.size());
    for (Duration d : FORECASTS) {
      double burn = BurnRate.of(counts(slo, d), s.budgetRatio);
      forecasts.add(new SloStatus.Forecast(d, burn, BudgetForecast
          .timeToExhaustion(budget.remainingRatio(), burn, period.length()).orElse(null)));
    }
    return new SloStatus(period, window, budget, conditions, BurnRateAlerts.severity(conditions),
        forecasts);
  }

  /**
   * The judged count of each slice at its last minute, for the minutes a ring holds: a slot
   * remembers which minute it holds, so a slot left from an earlier lap reads as zero.
   */
  private static final class SliceCounts {
    private final long[] minute;
    private final long[] good;
    private final long[] valid;

    SliceCounts(int capacity) {
      minute = new long[capacity];
      java.util.Arrays.fill(minute, Long.MIN_VALUE);
      good = new long[capacity];
      valid = new long[capacity];
    }

    private int slot(long m) {
      return (int) Math.floorMod(m, (long) minute.length);
    }

    void set(long m, long[] count) {
      int i = slot(m);
      minute[i] = m;
      good[i] = count[0];
      valid[i] = count[1];
    }

    long good(long m) {
      int i = slot(m);
      return minute[i] == m ? good[i] : 0;
    }

    long valid(long m) {
      int i = slot(m);
      return minute[i] == m ? valid[i] : 0;
    }
  }

  /** One SLO's ring, look-backs in minutes and running sums. */
  private static final class Slo {
    final Definition def;
    final double budgetRatio;
    final BurnRateAlerts alerts;
    final long[] lookbacks;
    final long[] sums;
    final MinuteRing ring;
    final TimeSlices slices;
    /** Each judged slice's count at its last minute (time-slice SLOs only). */
    final SliceCounts judged;
    final boolean calendar;
    final long[] periodSums = new long[2];
    long periodStart;
    long periodEnd;

    Slo(Definition def, long nowMinute) {
      this.def = def;
      this.budgetRatio = def.target().budgetRatio();
      this.alerts = new BurnRateAlerts(def.alerts(), def.window().nominalLength());
      TreeSet<Long> minutes = new TreeSet<>();
      alerts.lookbacks().forEach(d -> minutes.add(d.toMinutes()));
      FORECASTS.forEach(d -> minutes.add(d.toMinutes()));
      this.calendar = def.window() instanceof SloWindow.Calendar;
      if (!calendar) {
        minutes.add(def.window().nominalLength().toMinutes());
      }
      this.lookbacks = minutes.stream().mapToLong(Long::longValue).toArray();
      this.sums = new long[2 * lookbacks.length];
      long longest = lookbacks[lookbacks.length - 1];
      if (calendar) {
        // The longest period of the unit: a 31-day month plus a daylight-saving hour, etc.
        longest = Math.max(longest, def.window().nominalLength().toMinutes() * 32 / 30 + 60);
      }
      this.ring = new MinuteRing(Math.toIntExact(longest + AHEAD_MINUTES), nowMinute - 1);
      this.slices = def.slices();
      this.judged = slices == null ? null : new SliceCounts(ring.capacity());
      startPeriod(nowMinute);
    }

    long good(long minute) {
      return slices == null ? ring.good(minute) : judged.good(minute);
    }

    long valid(long minute) {
      return slices == null ? ring.valid(minute) : judged.valid(minute);
    }

    void sumInto(long from, long to, long[] acc) {
      if (slices == null) {
        ring.sumInto(from, to, acc);
        return;
      }
      for (long m = Math.max(from, to - ring.capacity()); m < to; m++) {
        acc[0] += judged.good(m);
        acc[1] += judged.valid(m);
      }
    }

    /** The count of the slice ending at minute {@code last}, from the ring. */
    long[] judge(long last) {
      long good = 0;
      long valid = 0;
      for (long m = last - slices.sliceMinutes() + 1; m <= last; m++) {
        good += ring.good(m);
        valid += ring.valid(m);
      }
      return slices.count(good, valid);
    }

    /** Judges every complete slice the ring holds again (for {@link #recompute()}). */
    void judgeAll(long now) {
      for (long m = now - ring.capacity(); m < now; m++) {
        if (slices.endsSlice(m)) {
          judged.set(m, judge(m));
        }
      }
    }

    /**
     * After late data at {@code minute}: judges its slice again when it is complete, and moves
     * every sum that holds it by the difference.
     */
    void rejudge(long minute, long now) {
      long last = slices.lastMinute(slices.sliceOf(minute));
      if (last >= now) {
        return;
      }
      long[] before = {judged.good(last), judged.valid(last)};
      long[] after = judge(last);
      judged.set(last, after);
      long dg = after[0] - before[0];
      long dv = after[1] - before[1];
      for (int k = 0; k < lookbacks.length; k++) {
        if (last >= now - lookbacks[k]) {
          sums[2 * k] += dg;
          sums[2 * k + 1] += dv;
        }
      }
      if (calendar && last >= periodStart) {
        periodSums[0] += dg;
        periodSums[1] += dv;
      }
    }

    void startPeriod(long minute) {
      WindowPeriod p = def.window().periodAt(Instant.ofEpochSecond(minute * 60));
      periodStart = p.start().getEpochSecond() / 60;
      periodEnd = p.end().getEpochSecond() / 60;
    }

    /** Counts minute {@code m} in every sum and drops the minute that leaves each one. */
    void slide(long m) {
      if (slices != null && slices.endsSlice(m)) {
        judged.set(m, judge(m));
      }
      long g = good(m);
      long v = valid(m);
      for (int k = 0; k < lookbacks.length; k++) {
        long old = m - lookbacks[k];
        sums[2 * k] += g - good(old);
        sums[2 * k + 1] += v - valid(old);
      }
      if (calendar) {
        if (m >= periodEnd) {
          startPeriod(m);
          periodSums[0] = 0;
          periodSums[1] = 0;
        }
        periodSums[0] += g;
        periodSums[1] += v;
      }
    }
  }
}
