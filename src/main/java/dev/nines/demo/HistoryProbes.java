package dev.nines.demo;

import dev.nines.live.MonitorUptimes;
import dev.nines.live.UptimeBuckets;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec.Depth;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.MonitorObservations;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generated past of the demo's monitors, a day at a time: observations per region at the
 * monitors' intervals of {@code --speed 1} (every region sees the courier outage, the
 * maintenance window is UNKNOWN, now and then one region sees a blip the quorum ignores), and
 * from those same observations the minute buckets of the SLOs measured by monitors: completed
 * checks for count SLIs, and for uptime SLIs the server's own computation
 * ({@link MonitorUptimes}, as the live recorder writes them) over the stored observations.
 */
final class HistoryProbes {
  private static final double BLIP_RATIO = 3e-5;
  /** How much denser than at speed 1 the history's checks may be. */
  static final int DENSER = 5;

  /**
   * A monitor of the history: the spec's, its checks {@code sparse} apart before the last
   * {@link #DENSE_DAYS} days and {@code dense} apart in them.
   */
  private record Monitor(MonitorSpec spec, List<String> regions, int quorum, Duration sparse,
      Duration dense) {}

  /** The last days of the history checked at {@link #interval}: a monitor page's longest range
   * (7 days) and a day more. */
  static final int DENSE_DAYS = 8;

  private final Spec spec;
  private final Spec reading;
  private final MonitorUptimes uptimes;
  private final HistoryEpisodes episodes;
  private final Random random;
  private final Instant denseFrom;
  private final List<Monitor> monitors = new ArrayList<>();
  /** The last observation of each monitor and region so far, carried into the next day. */
  private final Map<String, Map<String, Observation>> carried = new HashMap<>();
  /** Per uptime SLO, the first minute not written yet: the end of the last day's settled time. */
  private final Map<String, Instant> pending = new HashMap<>();

  /** @param end the end of the history: the start of the live run */
  HistoryProbes(Spec spec, Store store, HistoryEpisodes episodes, double speed, Instant end,
      Random random) {
    this.spec = spec;
    this.episodes = episodes;
    this.random = random;
    this.denseFrom = end.minus(Duration.ofDays(DENSE_DAYS));
    List<MonitorSpec> read = new ArrayList<>();
    for (MonitorSpec m : spec.monitors()) {
      Duration sparse = speedOne(m, speed);
      monitors.add(new Monitor(m, spec.regionsOf(m), spec.quorumOf(m), sparse,
          interval(m, speed)));
      read.add(new MonitorSpec(m.name(), m.service(), m.kind(), m.depth(), sparse, m.timeout(),
          m.retries(), m.retryInterval(), m.regions(), m.target(), m.http(), m.steps(),
          m.budget(), m.warnDays(), m.failDays(), m.keepAlive()));
    }
    this.reading = new Spec(spec.timeZone(), spec.regions(), spec.clients(), spec.services(),
        spec.slos(), read, spec.channels(), spec.maintenance(), spec.alerting());
    MaintenanceCalendar calendar = MaintenanceCalendar.of(spec, List.of(episodes.announced()));
    this.uptimes = new MonitorUptimes(() -> reading, store, () -> calendar);
  }

  /**
   * The spec the history's own figures are read with (its uptime buckets and archived days):
   * the run's, with each monitor's interval that of the history's checks before the last
   * {@link #DENSE_DAYS} days, so that no region is silent between two of them.
   */
  Spec reading() {
    return reading;
  }

  /** The spec's interval at speed 1: the spec's times the speed, at least 15 s. */
  private static Duration speedOne(MonitorSpec m, double speed) {
    Duration real = Duration.ofMillis(Math.round(m.interval().toMillis() * speed));
    Duration floor = Duration.ofSeconds(15);
    return real.compareTo(floor) < 0 ? floor : real;
  }

  /**
   * The interval of the history's checks in its last {@link #DENSE_DAYS} days. The spec's
   * intervals shrink with the speed, and the history checks at speed 1's (the spec's times the
   * speed, at least 15 s, so 35 days stay about a million observations); but the server reads
   * the last days with the spec in force (monitor pages over 24 h or 7 d, today's uptime), and
   * there a region whose last check is older than {@link MonitorObservations#STALE_INTERVALS}
   * of the spec's intervals is silent: so in those days the history checks no sparser than
   * that, and at most {@value #DENSER} times as often as at speed 1. Above speed 10 its checks
   * have short silences between them again.
   */
  static Duration interval(MonitorSpec m, double speed) {
    Duration step = speedOne(m, speed);
    Duration fresh = m.interval().multipliedBy(MonitorObservations.STALE_INTERVALS);
    Duration densest = step.dividedBy(DENSER);
    return fresh.compareTo(step) >= 0 ? step : fresh.compareTo(densest) < 0 ? densest : fresh;
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
          uptime(slo, from, to, out);
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
    long step = (to.isAfter(denseFrom) ? m.dense() : m.sparse()).toMillis();
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

  /**
   * The uptime buckets of [from, to) as the server writes them: {@link MonitorUptimes} over the
   * stored observations, one settled minute at a time ({@link UptimeBuckets#deltas}). The time
   * after a day's last check waits for the next day's first, as the live recorder waits for the
   * next check, so the minute a day ends in is written with the next day, not left out.
   */
  private void uptime(SloSpec slo, Instant from, Instant to, List<BucketDelta> out) {
    Instant since = pending.getOrDefault(slo.name(), from);
    UptimeReport r = uptimes.slo(slo, since, to, to);
    r.settledMinutes().forEach((minute, u) -> out.addAll(UptimeBuckets.deltas(slo.name(),
        minute, u)));
    long next = Math.floorDiv(r.attributedUntil().getEpochSecond(), 60) * 60;
    pending.put(slo.name(), Instant.ofEpochSecond(Math.max(next, since.getEpochSecond())));
  }
}
