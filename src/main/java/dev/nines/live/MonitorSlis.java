package dev.nines.live;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeInputs;
import dev.nines.uptime.UptimeReport;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minute buckets of SLOs measured by monitors. Count SLIs (availability, journey and any
 * non-uptime kind) count completed checks, or attempts with {@code count: attempts}. Uptime
 * SLIs are the {@link dev.nines.uptime.Uptime} computation over the stored observations, put
 * into minute buckets by {@link UptimeBuckets}: each whole minute is written once, when it is
 * settled (it ends before {@link MonitorUptimes#settledAt} and before the point up to which the
 * computation could attribute). After a restart each uptime SLO resumes after its newest stored
 * minute, so a minute is never counted twice nor skipped. Not thread-safe: the recorder calls it
 * from one thread.
 */
final class MonitorSlis {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorSlis.class);
  /** How far back a resumed SLO looks for its newest stored minute: the raw retention. */
  static final Duration RESUME_WINDOW = Duration.ofDays(30);
  /** The most attributed by one call, so that a long catch-up goes in day-sized batches. */
  static final Duration MAX_STEP = Duration.ofDays(1);

  private record Source(SloSpec slo, boolean attempts) {}

  private final Map<String, List<Source>> countByMonitor = new HashMap<>();
  private final List<SloSpec> uptime = new ArrayList<>();
  private final Map<String, List<MonitorSpec>> monitorsOf = new HashMap<>();
  private final Map<String, Long> nextMinute;
  private final MonitorUptimes uptimes;
  private final Store store;
  private final Instant createdAt;

  /** SLIs whose maintenance windows are the spec's own. */
  MonitorSlis(Spec spec, Store store, Map<String, Long> carried, Instant now) {
    this(spec, store, carried, now, () -> MaintenanceCalendar.of(spec, List.of()));
  }

  /**
   * @param carried where each uptime SLO's attribution stands, from the instance this one
   *     replaces (empty at start: then it is read from the store)
   * @param now when this instance takes over: an SLO with nothing stored starts at the first
   *     whole minute after its settled instant then
   * @param maintenance the windows in force: the spec's and those announced
   */
  MonitorSlis(Spec spec, Store store, Map<String, Long> carried, Instant now,
      Supplier<MaintenanceCalendar> maintenance) {
    this.store = store;
    this.createdAt = now;
    this.uptimes = new MonitorUptimes(() -> spec, store, maintenance);
    this.nextMinute = new HashMap<>();
    for (SloSpec slo : spec.slos()) {
      if (!(slo.sli().source() instanceof SliSource.Monitors src)) {
        continue;
      }
      if (slo.sli().kind() == SliKind.UPTIME) {
        uptime.add(slo);
        monitorsOf.put(slo.name(), UptimeInputs.monitorsOf(spec, slo));
        if (carried.containsKey(slo.name())) {
          nextMinute.put(slo.name(), carried.get(slo.name()));
        }
      } else {
        Source s = new Source(slo, src.countAttempts());
        src.names().forEach(n -> countByMonitor.computeIfAbsent(n, k -> new ArrayList<>()).add(s));
      }
    }
  }

  /** Where each uptime SLO's attribution stands: the first epoch minute not yet written. */
  Map<String, Long> positions() {
    return Map.copyOf(nextMinute);
  }

  /**
   * Where each uptime SLO's attribution stands, an SLO not attributed yet by this instance
   * resumed as its first {@link #advance} would: minutes before it are written (or on their
   * way to the writer), minutes from it on are made with the maintenance calendar of the day.
   */
  Map<String, Long> resolvedPositions() {
    for (SloSpec slo : uptime) {
      nextMinute.computeIfAbsent(slo.name(),
          k -> resume(k, MonitorUptimes.settledAt(monitorsOf.get(k), createdAt)));
    }
    return Map.copyOf(nextMinute);
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

  /** Counts a completed check (a final OK or ERROR) for SLOs that count checks. */
  List<BucketDelta> observation(String monitor, Observation o) {
    List<BucketDelta> out = new ArrayList<>();
    if (o.state() != State.UNKNOWN) {
      for (Source s : countByMonitor.getOrDefault(monitor, List.of())) {
        if (!s.attempts()) {
          out.add(new BucketDelta(s.slo().name(), minute(o.time()),
              o.state() == State.OK ? 1 : 0, 1));
        }
      }
    }
    return out;
  }

  /**
   * The buckets of every uptime SLO's minutes that are settled at {@code now}; an SLO whose
   * observations cannot be read now is tried again on the next call.
   */
  List<BucketDelta> advance(Instant now) {
    List<BucketDelta> out = new ArrayList<>();
    for (SloSpec slo : uptime) {
      try {
        out.addAll(advance(slo, now));
      } catch (RuntimeException e) {
        LOG.warn("uptime of SLO {} not attributed this time: {}", slo.name(), e.getMessage());
      }
    }
    return out;
  }

  private List<BucketDelta> advance(SloSpec slo, Instant now) {
    Instant settled = MonitorUptimes.settledAt(monitorsOf.get(slo.name()), now);
    long next = nextMinute.computeIfAbsent(slo.name(),
        k -> resume(k, MonitorUptimes.settledAt(monitorsOf.get(k), createdAt)));
    Instant from = Instant.ofEpochSecond(next * 60);
    if (settled.isBefore(from.plusSeconds(60))) {
      return List.of();
    }
    Instant to = settled.isAfter(from.plus(MAX_STEP)) ? from.plus(MAX_STEP) : settled;
    UptimeReport r = uptimes.slo(slo, from, to, settled);
    List<BucketDelta> out = new ArrayList<>();
    for (Map.Entry<Long, UptimeSnapshot> e : r.settledMinutes().entrySet()) {
      out.addAll(UptimeBuckets.deltas(slo.name(), e.getKey(), e.getValue()));
    }
    nextMinute.put(slo.name(), Math.max(next, minute(r.attributedUntil())));
    return out;
  }

  /**
   * The first minute to attribute for an SLO seen for the first time: after its newest stored
   * minute (within {@link #RESUME_WINDOW}), else the first whole minute after {@code settled},
   * its settled instant when this instance was made.
   */
  private long resume(String slo, Instant settled) {
    long from = minute(settled) - RESUME_WINDOW.toMinutes();
    long to = minute(settled) + RESUME_WINDOW.toMinutes();
    long newest = -1;
    for (String key : List.of(slo, UptimeBuckets.unknownKey(slo),
        UptimeBuckets.uncertainKey(slo))) {
      for (MinuteBucket b : store.minuteBuckets(key, from, to)) {
        newest = Math.max(newest, b.period());
      }
    }
    long start = newest >= 0 ? newest + 1 : Math.ceilDiv(settled.getEpochSecond(), 60);
    LOG.info("uptime SLO {}: attributing from {}", slo, Instant.ofEpochSecond(start * 60));
    return start;
  }

  private static long minute(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }
}
