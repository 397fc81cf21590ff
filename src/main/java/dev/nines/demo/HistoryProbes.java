package dev.nines.demo;

import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.MonitorSpec.Depth;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
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
import java.util.Random;
import java.util.TreeSet;

/**
 * The generated past of the demo's monitors, a day at a time: observations per region at the
 * monitors' intervals of {@code --speed 1} (every region sees the courier outage, the
 * maintenance window is UNKNOWN, now and then one region sees a blip the quorum ignores), and
 * from those same observations the minute buckets of the SLOs measured by monitors: completed
 * checks for count SLIs, and for uptime SLIs the milliseconds up and down of the quorum
 * timelines (all monitors must be OK), attributed by the service's table as the live
 * recorder does.
 */
final class HistoryProbes {
  private static final double BLIP_RATIO = 3e-5;

  private record Monitor(MonitorSpec spec, List<String> regions, int quorum, Duration interval) {}

  private final Spec spec;
  private final HistoryEpisodes episodes;
  private final Random random;
  private final List<Monitor> monitors = new ArrayList<>();
  /** The last observation of each monitor and region so far, carried into the next day. */
  private final Map<String, Map<String, Observation>> carried = new HashMap<>();

  HistoryProbes(Spec spec, HistoryEpisodes episodes, double speed, Random random) {
    this.spec = spec;
    this.episodes = episodes;
    this.random = random;
    for (MonitorSpec m : spec.monitors()) {
      monitors.add(new Monitor(m, spec.regionsOf(m), spec.quorumOf(m), interval(m, speed)));
    }
  }

  /**
   * The interval of the history's checks: the spec's at speed 1; at higher speeds the spec's
   * are shrunk, and the history keeps the interval of speed 1 (the spec's times the speed)
   * but at least 15 s, so 35 days stay a few hundred thousand observations.
   */
  private static Duration interval(MonitorSpec m, double speed) {
    Duration real = Duration.ofMillis(Math.round(m.interval().toMillis() * speed));
    Duration floor = Duration.ofSeconds(15);
    return real.compareTo(floor) < 0 ? floor : real;
  }

  /**
   * Stores the observations of epoch minutes [from, to) and returns the buckets of the SLOs
   * measured by monitors over them.
   */
  List<BucketDelta> writeDay(Store store, long fromMinute, long toMinute) {
    Instant from = Instant.ofEpochSecond(fromMinute * 60);
    Instant to = Instant.ofEpochSecond(toMinute * 60);
    List<StoredObservation> stored = new ArrayList<>();
    Map<String, Map<String, List<Observation>>> timelines = new HashMap<>();
    for (Monitor m : monitors) {
      timelines.put(m.spec().name(), observe(m, from, to, stored));
    }
    store.appendObservations(stored);
    List<BucketDelta> out = new ArrayList<>();
    for (SloSpec slo : spec.slos()) {
      if (slo.sli().source() instanceof SliSource.Monitors src) {
        if (slo.sli().kind() == SliKind.UPTIME) {
          uptime(slo, src.names(), timelines, fromMinute, toMinute, out);
        } else {
          counts(slo, src.names(), stored, out);
        }
      }
    }
    return out;
  }

  /** One monitor's observations in [from, to) by region, after the one carried in. */
  private Map<String, List<Observation>> observe(Monitor m, Instant from, Instant to,
      List<StoredObservation> stored) {
    Map<String, Observation> last = carried.computeIfAbsent(m.spec().name(),
        k -> new HashMap<>());
    Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
    long step = m.interval().toMillis();
    for (int r = 0; r < m.regions().size(); r++) {
      String region = m.regions().get(r);
      List<Observation> list = new ArrayList<>();
      if (last.containsKey(region)) {
        list.add(last.get(region));
      }
      long offset = (r * 2_000L) % step;
      long first = Math.floorDiv(from.toEpochMilli() - offset + step - 1, step) * step + offset;
      for (long at = first; at < to.toEpochMilli(); at += step) {
        Instant t = Instant.ofEpochMilli(at);
        State state = state(m.spec(), t);
        String message = null;
        if (state == State.ERROR) {
          message = message(m.spec());
        } else if (state == State.OK && m.spec().depth() == Depth.SHALLOW
            && random.nextDouble() < BLIP_RATIO) {
          state = State.ERROR;
          message = "connect timed out after " + m.spec().timeout().toMillis() + " ms";
        }
        list.add(new Observation(t, state));
        stored.add(new StoredObservation(m.spec().name(), region, t, state, message,
            r == 0 ? "probe" : "agent"));
      }
      if (!list.isEmpty()) {
        last.put(region, list.get(list.size() - 1));
      }
      byRegion.put(region, list);
    }
    return byRegion;
  }

  /** What every region sees of a monitor at {@code t}. */
  private State state(MonitorSpec m, Instant t) {
    if (m.kind() == MonitorKind.TLS) {
      return State.OK;
    }
    if (episodes.maintenance().covers(t) && m.service().equals(HistoryEpisodes.SERVICE)) {
      return State.UNKNOWN;
    }
    boolean needsCourier = m.kind() == MonitorKind.JOURNEY || m.depth() == Depth.DEEP;
    return needsCourier && episodes.courierDown().covers(t) ? State.ERROR : State.OK;
  }

  private static String message(MonitorSpec m) {
    return m.kind() == MonitorKind.JOURNEY ? "step assign-courier: HTTP 502. Expected 200, 201"
        : "$.courierGateway: 'down'. Expected 'ok'";
  }

  /** Completed checks (non-UNKNOWN observations) of the SLO's monitors, per minute. */
  private static void counts(SloSpec slo, List<String> names, List<StoredObservation> stored,
      List<BucketDelta> out) {
    Map<Long, long[]> perMinute = new java.util.TreeMap<>();
    for (StoredObservation o : stored) {
      if (o.state() != State.UNKNOWN && names.contains(o.subject())) {
        long[] c = perMinute.computeIfAbsent(Math.floorDiv(o.at().getEpochSecond(), 60),
            k -> new long[2]);
        c[0] += o.state() == State.OK ? 1 : 0;
        c[1]++;
      }
    }
    perMinute.forEach((minute, c) -> out.add(new BucketDelta(slo.name(), minute, c[0], c[1])));
  }

  /** Up and observed milliseconds per minute of the SLO's worst-of quorum timeline. */
  private void uptime(SloSpec slo, List<String> names,
      Map<String, Map<String, List<Observation>>> timelines, long fromMinute, long toMinute,
      List<BucketDelta> out) {
    ServiceSpec service = spec.service(slo.service());
    AttributionTable table = AttributionTable.parse(service == null ? Map.of()
        : service.attribution());
    List<List<Observation>> perMonitor = new ArrayList<>();
    for (Monitor m : monitors) {
      if (names.contains(m.spec().name())) {
        perMonitor.add(RegionQuorum.combine(timelines.get(m.spec().name()), m.interval(),
            m.quorum()).timeline());
      }
    }
    List<Observation> timeline = worstOf(perMonitor);
    int lo = 0;
    for (long minute = fromMinute; minute < toMinute; minute++) {
      Instant a = Instant.ofEpochSecond(minute * 60);
      Instant b = a.plusSeconds(60);
      while (lo + 1 < timeline.size() && !timeline.get(lo + 1).time().isAfter(a)) {
        lo++;
      }
      int hi = lo;
      while (hi + 1 < timeline.size() && timeline.get(hi).time().isBefore(b)) {
        hi++;
      }
      List<Observation> piece = timeline.subList(lo, hi + 1);
      long up = 0;
      long valid = 0;
      for (Instant[] p : counted(slo, a, b)) {
        UptimeSnapshot u = UptimeCalculator.compute(piece, table, p[0], p[1]);
        up += u.upMillis();
        valid += u.upMillis() + u.downMillis();
      }
      if (valid > 0) {
        out.add(new BucketDelta(slo.name(), minute, up, valid));
      }
    }
  }

  /** [a, b) without the maintenance window when the SLO leaves maintenance out. */
  private List<Instant[]> counted(SloSpec slo, Instant a, Instant b) {
    HistoryEpisodes.Span w = episodes.maintenance();
    if (!slo.excludeMaintenance() || !w.overlaps(a, b)) {
      return List.<Instant[]>of(new Instant[] {a, b});
    }
    List<Instant[]> out = new ArrayList<>();
    if (w.start().isAfter(a)) {
      out.add(new Instant[] {a, w.start()});
    }
    if (w.end().isBefore(b)) {
      out.add(new Instant[] {w.end(), b});
    }
    return out;
  }

  /** ERROR when any timeline is ERROR, else UNKNOWN when any is UNKNOWN, else OK. */
  private static List<Observation> worstOf(List<List<Observation>> timelines) {
    if (timelines.size() == 1) {
      return timelines.get(0);
    }
    TreeSet<Instant> times = new TreeSet<>();
    timelines.forEach(t -> t.forEach(o -> times.add(o.time())));
    List<Observation> out = new ArrayList<>(times.size());
    int[] at = new int[timelines.size()];
    for (Instant t : times) {
      State worst = State.OK;
      for (int i = 0; i < timelines.size(); i++) {
        List<Observation> tl = timelines.get(i);
        while (at[i] + 1 < tl.size() && !tl.get(at[i] + 1).time().isAfter(t)) {
          at[i]++;
        }
        State s = tl.isEmpty() || tl.get(at[i]).time().isAfter(t) ? State.UNKNOWN
            : tl.get(at[i]).state();
        if (s == State.ERROR || s == State.UNKNOWN && worst == State.OK) {
          worst = s;
        }
      }
      out.add(new Observation(t, worst));
    }
    return out;
  }
}
