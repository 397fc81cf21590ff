package dev.nines.view;

import dev.nines.model.WindowPeriod;
import dev.nines.store.Store;
import dev.nines.store.UptimeDay;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's uptime with bounds day by day, and over any run of days: a closed day from the
 * stored {@link UptimeDay} when there is one (raw observations are pruned after 30 days), else
 * computed by {@link MonitorDetails#uptime}; today up to now. The status page bars and the
 * monthly report read uptime here, so both show the same figure for the same day.
 */
public final class UptimeDays {
  private final Store store;
  private final MonitorDetails monitors;

  public UptimeDays(Store store, MonitorDetails monitors) {
    this.store = store;
    this.monitors = monitors;
  }

  /**
   * The uptime of {@code monitor} on each of {@code days} (ascending, adjacent or not), up to
   * {@code now}; a day that has not begun is null.
   */
  public List<UptimeSnapshot> days(String monitor, List<WindowPeriod> days, Instant now) {
    List<UptimeSnapshot> out = new ArrayList<>();
    if (days.isEmpty()) {
      return out;
    }
    Map<Instant, UptimeDay> stored = new HashMap<>();
    for (UptimeDay d : store.uptimeDays(monitor, days.get(0).start(),
        days.get(days.size() - 1).end())) {
      stored.put(d.start(), d);
    }
    for (WindowPeriod day : days) {
      UptimeDay s = stored.get(day.start());
      if (s != null && s.end().equals(day.end())) {
        out.add(snapshot(s));
      } else if (!day.start().isBefore(now)) {
        out.add(null);
      } else {
        out.add(monitors.uptime(monitor, day.start(), day.end().isAfter(now) ? now : day.end()));
      }
    }
    return out;
  }

  /** The uptime of {@code monitor} over the whole of {@code days}, as {@link #sum} of each. */
  public UptimeSnapshot over(String monitor, List<WindowPeriod> days, Instant now) {
    return sum(days(monitor, days, now));
  }

  /** The uptime of consecutive spans from theirs: every time and uncertainty adds up. */
  public static UptimeSnapshot sum(List<UptimeSnapshot> spans) {
    UptimeSnapshot total = UptimeSnapshot.EMPTY;
    for (UptimeSnapshot s : spans) {
      total = s == null ? total : total.plus(s);
    }
    return total;
  }

  /** A snapshot as the row that keeps it: exactly, no ratio is stored. */
  public static UptimeDay day(String monitor, Instant start, Instant end, UptimeSnapshot s) {
    return new UptimeDay(monitor, start, end, s.upMillis(), s.downMillis(), s.unknownMillis(),
        s.upMillis() - s.uncertainUpMillis(), s.uncertainMillis());
  }

  /** The snapshot a stored row keeps. */
  public static UptimeSnapshot snapshot(UptimeDay d) {
    return new UptimeSnapshot(d.upMillis(), d.downMillis(), d.unknownMillis(),
        d.uncertainMillis(), d.upMillis() - d.certainUpMillis());
  }
}
