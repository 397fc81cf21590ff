package dev.nines.live;

import dev.nines.store.BucketDelta;
import dev.nines.uptime.UptimeSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * How an uptime SLO's attributed time is kept in minute buckets: the SLO's own bucket holds
 * good = up and valid = up + down milliseconds (what budgets and burn rates read), and two
 * companion buckets keep what a ratio cannot: {@code SLO#unknown} (good = valid = unknown
 * milliseconds) and {@code SLO#uncertain} (good = uncertain milliseconds attributed up, valid =
 * all uncertain milliseconds), so every window of the SLO gives back the exact
 * {@link UptimeSnapshot}. SLO names cannot contain {@code #}, so the keys never collide.
 */
public final class UptimeBuckets {
  private UptimeBuckets() {}

  /** The companion bucket of unknown milliseconds. */
  public static String unknownKey(String slo) {
    return slo + "#unknown";
  }

  /** The companion bucket of uncertain milliseconds (good: those attributed up). */
  public static String uncertainKey(String slo) {
    return slo + "#uncertain";
  }

  /** The buckets of one minute's snapshot; an empty part gets no bucket. */
  public static List<BucketDelta> deltas(String slo, long minute, UptimeSnapshot s) {
    List<BucketDelta> out = new ArrayList<>(3);
    if (s.upMillis() + s.downMillis() > 0) {
      out.add(new BucketDelta(slo, minute, s.upMillis(), s.upMillis() + s.downMillis()));
    }
    if (s.unknownMillis() > 0) {
      out.add(new BucketDelta(unknownKey(slo), minute, s.unknownMillis(), s.unknownMillis()));
    }
    if (s.uncertainMillis() > 0) {
      out.add(new BucketDelta(uncertainKey(slo), minute, s.uncertainUpMillis(),
          s.uncertainMillis()));
    }
    return out;
  }

  /**
   * The snapshot back from summed buckets: the SLO's good and valid, the unknown bucket's
   * valid, and the uncertain bucket's good and valid.
   */
  public static UptimeSnapshot snapshot(long good, long valid, long unknown, long uncertainUp,
      long uncertain) {
    return new UptimeSnapshot(good, valid - good, unknown, uncertain, uncertainUp);
  }
}
