package dev.nines.view;

import dev.nines.live.MonitorUptimes;
import dev.nines.live.ProbeRecorder;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import dev.nines.uptime.MonitorObservations;
import dev.nines.uptime.State;
import dev.nines.uptime.UptimeReport;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds {@link MonitorDetail}s: the monitor's uptime from {@link MonitorUptimes} (the one
 * computation, up to the settled instant), the live state of each region, why there is no
 * data when there is none, and the stored attempts.
 */
public final class MonitorDetails {
  private final Supplier<Spec> spec;
  private final ProbeRecorder probes;
  private final Store store;
  private final MonitorUptimes uptimes;

  /**
   * Details with the maintenance windows the probe recorder follows (the spec's and those
   * announced), or the spec's alone without a recorder.
   *
   * @param probes the live probe results, or null where only stored figures matter (reports)
   */
  public MonitorDetails(Supplier<Spec> spec, ProbeRecorder probes, Store store) {
    this(spec, probes, store, probes != null ? probes.maintenance()
        : () -> MaintenanceCalendar.of(spec.get(), List.of()));
  }

  public MonitorDetails(Supplier<Spec> spec, ProbeRecorder probes, Store store,
      Supplier<MaintenanceCalendar> maintenance) {
    this.spec = spec;
    this.probes = probes;
    this.store = store;
    this.uptimes = new MonitorUptimes(spec, store, maintenance);
  }

  /**
   * The uptime of monitor {@code name} over {@code [from, to)} from what is stored up to
   * {@code to} (a closed day of the status page or the report); null for an unknown monitor.
   */
  public UptimeSnapshot uptime(String name, Instant from, Instant to) {
    MonitorSpec m = monitor(name);
    return m == null ? null : uptimes.monitor(m, from, to, to).uptime();
  }

  /**
   * The state of monitor {@code name} at {@code now} as a quorum of its regions decides it,
   * with the staleness rule (UNKNOWN when too few regions reported lately); UNKNOWN for an
   * unknown monitor.
   */
  public State stateNow(String name, Instant now) {
    MonitorSpec m = monitor(name);
    if (m == null) {
      return State.UNKNOWN;
    }
    UptimeReport r = uptimes.monitor(m, now.minus(m.interval().multipliedBy(4)), now, now);
    return r.current() == null ? State.UNKNOWN : r.current().state();
  }

  /** The monitor called {@code name}, or null. */
  public MonitorSpec monitor(String name) {
    return uptimes.monitor(name);
  }

  /**
   * The monitor over the last {@code range} up to its settled instant at {@code now}, with the
   * first page of {@code attempts} attempts.
   */
  public MonitorDetail detail(String name, Duration range, Instant now, int attempts) {
    return detail(name, range, now, 1, attempts);
  }

  /**
   * The monitor over the last {@code range} up to its settled instant at {@code now}, with page
   * {@code page} of its attempts, {@code size} a page.
   */
  public MonitorDetail detail(String name, Duration range, Instant now, int page, int size) {
    MonitorSpec m = monitor(name);
    if (m == null) {
      return null;
    }
    Instant settled = MonitorUptimes.settledAt(List.of(m), now);
    return detail(m, settled.minus(range), settled, now, page, size);
  }

  /**
   * The monitor over {@code [from, to)}, with {@code to} cut at the settled instant of
   * {@code now}; null for an unknown monitor.
   */
  public MonitorDetail detail(String name, Instant from, Instant to, Instant now, int attempts) {
    MonitorSpec m = monitor(name);
    return m == null ? null : detail(m, from, to, now, 1, attempts);
  }

  private MonitorDetail detail(MonitorSpec m, Instant from, Instant to, Instant now, int page,
      int size) {
    Page.check(page, size);
    Spec sp = spec.get();
    Instant settled = MonitorUptimes.settledAt(List.of(m), now);
    Instant end = to.isAfter(settled) ? settled : to;
    Instant start = from.isAfter(end) ? end : from;
    UptimeReport report = uptimes.monitor(m, start, end, settled);
    Map<String, ProbeRecorder.Latest> latest = probes == null ? Map.of() : probes.latest(m.name());
    List<MonitorDetail.Region> regions = new ArrayList<>();
    for (UptimeReport.Region r : report.regions()) {
      regions.add(new MonitorDetail.Region(r.region(), r, latest.get(r.region())));
    }
    int quorum = sp.quorumOf(m);
    return new MonitorDetail(m, start, end, quorum, report, regions,
        report.uptime().hasUptime() ? null : noData(sp, m, quorum, report),
        attempts(m, start, now.plusSeconds(1), page, size));
  }

  private Page<dev.nines.store.StoredAttempt> attempts(MonitorSpec m, Instant from, Instant to,
      int page, int size) {
    long offset = (long) (page - 1) * size;
    dev.nines.store.Slice<dev.nines.store.StoredAttempt> s = store.attemptPage(m.name(), from, to,
        (int) Math.min(offset, Integer.MAX_VALUE), size);
    return new Page<>(s.items(), page, size, (int) Math.min(s.total(), Integer.MAX_VALUE));
  }

  /**
   * Why a monitor has no uptime over the window: which regions never reported in it, and
   * whether that leaves the quorum out of reach, or that every check said UNKNOWN.
   */
  static String noData(Spec spec, MonitorSpec m, int quorum, UptimeReport report) {
    Instant lead = report.from().minus(m.interval().multipliedBy(
        MonitorObservations.STALE_INTERVALS));
    List<String> silentAgents = new ArrayList<>();
    boolean serverSilent = false;
    int reporting = 0;
    for (UptimeReport.Region r : report.regions()) {
      boolean silent = r.lastObservation() == null || r.lastObservation().isBefore(lead);
      reporting += silent ? 0 : 1;
      if (silent && m.kind() != MonitorKind.EXTERNAL && r.region().equals(spec.regions().get(0))) {
        serverSilent = true;
      } else if (silent) {
        silentAgents.add(r.region());
      }
    }
    int regions = report.regions().size();
    if (report.from().equals(report.to())) {
      return "the range is empty";
    }
    if (reporting >= quorum) {
      boolean maintenance = report.states().stream()
          .anyMatch(s -> s.cause() == UptimeReport.Cause.MAINTENANCE);
      return maintenance ? "the service was in maintenance, so every check counts as UNKNOWN"
          : "every check in the range was UNKNOWN (a failed check waiting for its retry)";
    }
    List<String> why = new ArrayList<>();
    if (!silentAgents.isEmpty()) {
      why.add(m.kind() == MonitorKind.EXTERNAL
          ? "nothing was posted to /api/v1/observations for " + String.join(", ", silentAgents)
          : "no agent has reported for " + String.join(", ", silentAgents));
    }
    if (serverSilent) {
      why.add("the server has not checked it from " + spec.regions().get(0)
          + " (probes are off with --no-probes, or it has only just started)");
    }
    String reason = String.join("; ", why);
    return regions == 1 ? reason : "quorum " + quorum + " of " + regions
        + " cannot be reached: " + reason;
  }
}
