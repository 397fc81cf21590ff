package dev.nines.runs;

import dev.nines.model.ClientSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import dev.nines.store.UptimeDay;
import dev.nines.uptime.UptimeSnapshot;
import dev.nines.view.MonitorDetails;
import dev.nines.view.UptimeDays;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps each monitor's closed days of uptime with bounds ({@link UptimeDay}), in the time zone
 * of the client its service belongs to, before the raw observations they come from are pruned:
 * the status page's 90 daily bars and the monthly reports read them through
 * {@link UptimeDays}. Days already kept, and days before the monitor's first observation, are
 * not computed.
 */
public final class UptimeArchive {
  private final Store store;
  private final Supplier<Spec> spec;
  private final Duration lookBack;

  /** @param lookBack how far back to fill missing days: the raw retention */
  public UptimeArchive(Store store, Supplier<Spec> spec, Duration lookBack) {
    this.store = store;
    this.spec = spec;
    this.lookBack = lookBack;
  }

  /**
   * Stores every missing closed day of the look-back.
   *
   * @return days stored
   */
  public int runOnce(Instant now) {
    Spec sp = spec.get();
    MonitorDetails details = new MonitorDetails(() -> sp, null, store);
    int stored = 0;
    for (MonitorSpec m : sp.monitors()) {
      ZoneId zone = zoneOf(sp, m);
      LocalDate today = now.atZone(zone).toLocalDate();
      LocalDate first = now.minus(lookBack).atZone(zone).toLocalDate().plusDays(1);
      Instant from = first.atStartOfDay(zone).toInstant();
      Instant to = today.atStartOfDay(zone).toInstant();
      if (!from.isBefore(to)) {
        continue;
      }
      Instant observed = store.firstObservationAt(m.name(), from, to);
      if (observed == null) {
        continue;
      }
      Set<Instant> have = new HashSet<>();
      store.uptimeDays(m.name(), from, to).forEach(d -> have.add(d.start()));
      List<UptimeDay> out = new ArrayList<>();
      for (LocalDate d = first; d.isBefore(today); d = d.plusDays(1)) {
        Instant a = d.atStartOfDay(zone).toInstant();
        Instant b = d.plusDays(1).atStartOfDay(zone).toInstant();
        if (!have.contains(a) && b.isAfter(observed)) {
          UptimeSnapshot u = details.uptime(m.name(), a, b);
          if (u != null && u.totalMillis() > 0) {
            out.add(UptimeDays.day(m.name(), a, b, u));
          }
        }
      }
      store.saveUptimeDays(out);
      stored += out.size();
    }
    return stored;
  }

  /** The zone a monitor's days are cut in: its service's client's, else the spec's. */
  static ZoneId zoneOf(Spec spec, MonitorSpec m) {
    ServiceSpec s = spec.service(m.service());
    ClientSpec c = s == null || s.client() == null ? null : spec.client(s.client());
    return c == null ? spec.timeZone() : spec.zoneOf(c);
  }
}
