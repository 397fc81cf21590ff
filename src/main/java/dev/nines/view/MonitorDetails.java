package dev.nines.view;

import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import dev.nines.live.ProbeRecorder;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.Observation;
import dev.nines.uptime.QuorumResult;
import dev.nines.uptime.RegionQuorum;
import dev.nines.uptime.UptimeCalculator;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Builds {@link MonitorDetail}s from stored observations and attempts: region timelines with
 * the staleness rule of {@link RegionQuorum}, the quorum timeline, and uptime with bounds from
 * {@link UptimeCalculator} under the service's attribution table.
 */
public final class MonitorDetails {
  private final Supplier<Spec> spec;
  private final ProbeRecorder probes;
  private final Store store;

  /** @param probes the live probe states, or null to read the store only (reports, the CLI) */
  public MonitorDetails(Supplier<Spec> spec, ProbeRecorder probes, Store store) {
    this.spec = spec;
    this.probes = probes;
    this.store = store;
  }

  /**
   * The uptime with bounds of monitor {@code name} over {@code [from, to)}, its regions
   * combined by quorum under its service's rule table: the figure of {@link #detail}, without
   * the timelines and attempts; null for an unknown monitor.
   */
  public UptimeSnapshot uptime(String name, Instant from, Instant to) {
    MonitorDetail d = detail(name, from, to, 0);
    return d == null ? null : d.uptime();
  }

  /** The monitor called {@code name}, or null. */
  public MonitorSpec monitor(String name) {
    return spec.get().monitors().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElse(null);
  }

  /** The monitor over {@code [from, to)} with its newest {@code attempts}; null if unknown. */
  public MonitorDetail detail(String name, Instant from, Instant to, int attempts) {
    Spec sp = spec.get();
    MonitorSpec m = monitor(name);
    if (m == null) {
      return null;
    }
    Duration interval = m.interval();
    ServiceSpec service = sp.service(m.service());
    AttributionTable table = AttributionTable.parse(service == null ? Map.of()
        : service.attribution());
    Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
    sp.regionsOf(m).forEach(r -> byRegion.put(r, new ArrayList<>()));
    for (StoredObservation o : store.observations(name, from.minus(interval.multipliedBy(2)), to)) {
      List<Observation> list = byRegion.get(o.region());
      if (list != null) {
        list.add(new Observation(o.at(), o.state()));
      }
    }
    Map<String, ProbeRecorder.Latest> latest = probes == null ? Map.of() : probes.latest(name);
    List<MonitorDetail.Region> regions = new ArrayList<>();
    byRegion.forEach((r, obs) -> {
      List<Observation> steps = steps(Map.of(r, obs), interval, 1, to);
      regions.add(new MonitorDetail.Region(r, latest.get(r), Segment.of(steps, from, to),
          UptimeCalculator.compute(steps, table, from, to)));
    });
    int quorum = sp.quorumOf(m);
    List<Observation> combined = steps(byRegion, interval, quorum, to);
    QuorumResult q = RegionQuorum.combine(byRegion, interval, quorum);
    return new MonitorDetail(m, from, to, regions, quorum, Segment.of(combined, from, to),
        UptimeCalculator.compute(combined, table, from, to),
        q.regionalIncidents().stream().filter(i -> i.end() == null || i.end().isAfter(from))
            .toList(),
        attempts == 0 ? List.of() : store.attempts(name, from, to, attempts));
  }

  /**
   * The state of monitor {@code name} at {@code now} as a quorum of its regions decides it,
   * with the staleness rule (UNKNOWN when too few regions reported lately); UNKNOWN for an
   * unknown monitor.
   */
  public dev.nines.uptime.State stateNow(String name, Instant now) {
    MonitorSpec m = monitor(name);
    if (m == null) {
      return dev.nines.uptime.State.UNKNOWN;
    }
    MonitorDetail d = detail(name, now.minus(m.interval().multipliedBy(4)), now, 0);
    return d.combined().isEmpty() ? dev.nines.uptime.State.UNKNOWN
        : d.combined().get(d.combined().size() - 1).state();
  }

  /**
   * The quorum's step timeline up to {@code to}: {@link RegionQuorum#combine} up to the last
   * observation, then the state at each staleness expiry before {@code to} and at {@code to}.
   */
  static List<Observation> steps(Map<String, List<Observation>> byRegion, Duration interval,
      int quorum, Instant to) {
    List<Observation> out = new ArrayList<>(RegionQuorum.combine(byRegion, interval, quorum)
        .timeline());
    out.removeIf(o -> o.time().isAfter(to));
    Instant horizon = out.isEmpty() ? Instant.MIN : out.get(out.size() - 1).time();
    TreeSet<Instant> tail = new TreeSet<>(List.of(to));
    Map<String, Observation> last = new LinkedHashMap<>();
    byRegion.forEach((r, list) -> {
      Observation l = lastAtOrBefore(list, to);
      last.put(r, l);
      if (l != null) {
        Instant expiry = l.time().plus(interval.multipliedBy(2));
        if (expiry.isAfter(horizon) && expiry.isBefore(to)) {
          tail.add(expiry);
        }
      }
    });
    for (Instant t : tail) {
      if (t.isAfter(horizon)) {
        out.add(new Observation(t, RegionQuorum.stateAt(last, t, interval, quorum)));
      }
    }
    return out;
  }

  private static Observation lastAtOrBefore(List<Observation> list, Instant t) {
    Observation found = null;
    for (Observation o : list) {
      if (!o.time().isAfter(t) && (found == null || !o.time().isBefore(found.time()))) {
        found = o;
      }
    }
    return found;
  }
}
