package dev.nines.live;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.Observation;
import dev.nines.uptime.RegionQuorum;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeCalculator;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Minute buckets of SLOs measured by monitors. Count SLIs (availability, journey and any
 * non-uptime kind) count completed checks, or attempts with {@code count: attempts}. Uptime
 * SLIs count milliseconds (good = up, valid = up + down; unknown time counts for neither): each monitor's regions are combined by quorum, the SLO is ERROR when
 * any of its monitors is (all must be OK), and time is attributed by the service's rule table
 * up to a watermark that trails now by the longest retry sequence, so a backdated ERROR is
 * already in when its time is attributed. Not thread-safe: the recorder calls it from one
 * thread.
 */
final class MonitorSlis {
  private record Source(SloSpec slo, boolean attempts, List<String> monitors,
      AttributionTable table) {}

  private record Monitor(MonitorSpec spec, List<String> regions, int quorum) {}

  private final Map<String, List<Source>> countByMonitor = new HashMap<>();
  private final List<Source> uptime = new ArrayList<>();
  private final Map<String, Monitor> monitors = new HashMap<>();
  private final Map<String, Map<String, List<Observation>>> timelines = new HashMap<>();
  private final Map<String, Instant> attributedUntil = new HashMap<>();
  private final Supplier<MaintenanceCalendar> maintenance;

  /** SLIs whose maintenance windows are the spec's own. */
  MonitorSlis(Spec spec) {
    this(spec, () -> MaintenanceCalendar.of(spec, java.util.List.of()));
  }

  MonitorSlis(Spec spec, Supplier<MaintenanceCalendar> maintenance) {
    this.maintenance = maintenance;
    for (MonitorSpec m : spec.monitors()) {
      List<String> regions = spec.regionsOf(m);
      monitors.put(m.name(), new Monitor(m, regions, spec.quorumOf(m)));
      Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
      regions.forEach(r -> byRegion.put(r, new ArrayList<>()));
      timelines.put(m.name(), byRegion);
    }
    for (SloSpec slo : spec.slos()) {
      if (!(slo.sli().source() instanceof SliSource.Monitors src)) {
        continue;
      }
      ServiceSpec service = spec.service(slo.service());
      AttributionTable table = AttributionTable.parse(
          service == null ? Map.of() : service.attribution());
      Source s = new Source(slo, src.countAttempts(), src.names(), table);
      if (slo.sli().kind() == SliKind.UPTIME) {
        uptime.add(s);
      } else {
        src.names().forEach(n -> countByMonitor.computeIfAbsent(n, k -> new ArrayList<>()).add(s));
      }
    }
  }

  /** Counts an attempt for SLOs that count attempts. */
  List<BucketDelta> attempt(String monitor, Instant start, boolean ok) {
    List<BucketDelta> out = new ArrayList<>();
    for (Source s : countByMonitor.getOrDefault(monitor, List.of())) {
      if (s.attempts()) {
        out.add(new BucketDelta(s.slo().name(), minute(start), ok ? 1 : 0, 1));
      }
    }
    return out;
  }

  /** Takes a resolved observation: counts completed checks, and keeps it for uptime. */
  List<BucketDelta> observation(String monitor, String region, Observation o) {
    List<BucketDelta> out = new ArrayList<>();
    if (o.state() != State.UNKNOWN) {
      for (Source s : countByMonitor.getOrDefault(monitor, List.of())) {
        if (!s.attempts()) {
          out.add(new BucketDelta(s.slo().name(), minute(o.time()),
              o.state() == State.OK ? 1 : 0, 1));
        }
      }
    }
    Map<String, List<Observation>> byRegion = timelines.get(monitor);
    if (byRegion != null && byRegion.containsKey(region)) {
      List<Observation> list = byRegion.get(region);
      list.add(o);
      list.sort(java.util.Comparator.comparing(Observation::time));
    }
    return out;
  }

  /** How far behind now uptime is attributed: the longest check with all its retries. */
  Duration lag() {
    Duration longest = Duration.ZERO;
    for (Monitor m : monitors.values()) {
      MonitorSpec s = m.spec();
      Duration d = s.timeout().plus(s.retryInterval().plus(s.timeout()).multipliedBy(s.retries()));
      longest = d.compareTo(longest) > 0 ? d : longest;
    }
    return longest.plusSeconds(5);
  }

  /** Attributes every uptime SLO's time up to {@code watermark}, as seconds per minute. */
  List<BucketDelta> advance(Instant watermark) {
    List<BucketDelta> out = new ArrayList<>();
    for (Source s : uptime) {
      Instant from = attributedUntil.get(s.slo().name());
      attributedUntil.put(s.slo().name(), watermark);
      if (from == null || !from.isBefore(watermark)) {
        continue;
      }
      List<Observation> timeline = sloTimeline(s, from, watermark);
      for (Instant m = minuteStart(from); m.isBefore(watermark); m = m.plusSeconds(60)) {
        Instant a = m.isBefore(from) ? from : m;
        Instant b = m.plusSeconds(60).isAfter(watermark) ? watermark : m.plusSeconds(60);
        long up = 0;
        long valid = 0;
        for (Instant[] piece : counted(s, a, b)) {
          UptimeSnapshot u = UptimeCalculator.compute(timeline, s.table(), piece[0], piece[1]);
          up += u.upMillis();
          valid += u.upMillis() + u.downMillis();
        }
        if (valid > 0) {
          out.add(new BucketDelta(s.slo().name(), minute(m), up, valid));
        }
      }
    }
    prune(watermark);
    return out;
  }

  /** [a, b) without the maintenance windows of the SLO's service when it excludes them. */
  private List<Instant[]> counted(Source s, Instant a, Instant b) {
    List<Instant[]> pieces = new ArrayList<>();
    pieces.add(new Instant[] {a, b});
    if (!s.slo().excludeMaintenance()) {
      return pieces;
    }
    for (MaintenanceWindow w : maintenance.get().between(s.slo().service(), a, b)) {
      List<Instant[]> next = new ArrayList<>();
      for (Instant[] p : pieces) {
        if (!w.start().isAfter(p[0]) && !w.end().isBefore(p[1])) {
          continue;                                        // fully inside the window
        }
        if (w.end().isAfter(p[0]) && w.start().isBefore(p[1])) {
          if (w.start().isAfter(p[0])) {
            next.add(new Instant[] {p[0], w.start()});
          }
          if (w.end().isBefore(p[1])) {
            next.add(new Instant[] {w.end(), p[1]});
          }
        } else {
          next.add(p);
        }
      }
      pieces = next;
    }
    return pieces;
  }

  /** The SLO's states over [from, to]: ERROR if any monitor is, UNKNOWN if any is, else OK. */
  private List<Observation> sloTimeline(Source s, Instant from, Instant to) {
    Map<String, List<Observation>> perMonitor = new LinkedHashMap<>();
    TreeSet<Instant> times = new TreeSet<>(List.of(from, to));
    for (String name : s.monitors()) {
      Monitor m = monitors.get(name);
      List<Observation> t = monitorTimeline(m, to);
      perMonitor.put(name, t);
      t.stream().map(Observation::time).filter(x -> x.isAfter(from) && x.isBefore(to))
          .forEach(times::add);
    }
    List<Observation> out = new ArrayList<>(times.size());
    for (Instant t : times) {
      State worst = State.OK;
      for (List<Observation> tl : perMonitor.values()) {
        State st = stateAt(tl, t);
        if (st == State.ERROR || st == State.UNKNOWN && worst == State.OK) {
          worst = st;
        }
      }
      out.add(new Observation(t, worst));
    }
    return out;
  }

  /** One monitor's quorum timeline, extended to {@code to} with its state there. */
  private List<Observation> monitorTimeline(Monitor m, Instant to) {
    Map<String, List<Observation>> byRegion = timelines.get(m.spec().name());
    List<Observation> t = new ArrayList<>(RegionQuorum.combine(byRegion, m.spec().interval(),
        m.quorum()).timeline());
    Map<String, Observation> latest = new LinkedHashMap<>();
    byRegion.forEach((r, list) -> latest.put(r, lastAtOrBefore(list, to)));
    t.removeIf(o -> o.time().isAfter(to));
    t.add(new Observation(to, RegionQuorum.stateAt(latest, to, m.spec().interval(), m.quorum())));
    return t;
  }

  private static Observation lastAtOrBefore(List<Observation> list, Instant t) {
    Observation found = null;
    for (Observation o : list) {
      if (!o.time().isAfter(t)) {
        found = o;
      }
    }
    return found;
  }

  private static State stateAt(List<Observation> timeline, Instant t) {
    Observation o = lastAtOrBefore(timeline, t);
    return o == null ? State.UNKNOWN : o.state();
  }

  /** Drops observations no longer needed: older than two intervals before the watermark. */
  private void prune(Instant watermark) {
    for (Map.Entry<String, Map<String, List<Observation>>> e : timelines.entrySet()) {
      Instant keep = watermark.minus(monitors.get(e.getKey()).spec().interval().multipliedBy(3));
      for (List<Observation> list : e.getValue().values()) {
        while (list.size() > 1 && list.get(1).time().isBefore(keep)) {
          list.remove(0);
        }
      }
    }
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }

  private static Instant minuteStart(Instant t) {
    return Instant.ofEpochSecond(minute(t) * 60);
  }
}
