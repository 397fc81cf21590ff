package dev.nines.web.metrics;

import dev.nines.ingest.IngestWriter;
import dev.nines.live.LiveSlos;
import dev.nines.live.ProbeCounters;
import dev.nines.live.ProbeRecorder;
import dev.nines.model.Durations;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.Spec;
import dev.nines.notify.SendCounters;
import dev.nines.probe.ProbeStats;
import dev.nines.slo.BurnCondition;
import dev.nines.slo.SloStatus;
import dev.nines.store.Store;
import dev.nines.uptime.State;
import io.javalin.http.Context;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Nines' own metrics in the Prometheus text format, with the names of
 * {@code docs/metrics.md} (SLIs, SLO status, monitors and probes) plus the health of the
 * process: JVM memory, threads and GC, the ingest queue, the outbox and its sends, and the
 * store.
 */
public final class MetricsHandler {
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final ProbeRecorder probes;
  private final IngestWriter writer;
  private final Store store;
  private final IntSupplier sessions;
  private final SendCounters sent;
  private final RequestMetrics requests;
  private final Supplier<ProbeStats> prober;

  public MetricsHandler(Supplier<Spec> spec, Supplier<LiveSlos> live, ProbeRecorder probes,
      IngestWriter writer, Store store, IntSupplier sessions, RequestMetrics requests,
      SendCounters sent) {
    this(spec, live, probes, writer, store, sessions, requests, sent, null);
  }

  /** A handler that also exports the counters of the server's prober (null: none). */
  public MetricsHandler(Supplier<Spec> spec, Supplier<LiveSlos> live, ProbeRecorder probes,
      IngestWriter writer, Store store, IntSupplier sessions, RequestMetrics requests,
      SendCounters sent, Supplier<ProbeStats> prober) {
    this.prober = prober;
    this.requests = requests;
    this.sent = sent;
    this.spec = spec;
    this.live = live;
    this.probes = probes;
    this.writer = writer;
    this.store = store;
    this.sessions = sessions;
  }

  public void handle(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(render());
  }

  /** The whole exposition. */
  public String render() {
    TextFormat t = new TextFormat();
    slos(t);
    requests.render(t);
    monitors(t);
    prober(t);
    process(t);
    return t.toString();
  }

  private static final String PHASE_HELP = "Phase timings of probe attempts in seconds; a "
      + "phase that did not happen is not observed.";

  private void slos(TextFormat t) {
    TextFormat.Family time = t.family("nines_sli_time_seconds_total", "counter", "Seconds "
        + "attributed by a time SLI since the process started: good (up), bad (down) and "
        + "unknown (neither; not valid time).");
    TextFormat.Family events = t.family("nines_sli_events_total", "counter", "Valid events "
        + "counted by an event SLI since the process started.");
    TextFormat.Family sli = t.family("nines_slo_sli_ratio", "gauge", "Good / valid over the SLO "
        + "window (1 with no traffic).");
    TextFormat.Family left = t.family("nines_slo_error_budget_remaining_ratio", "gauge", "Share "
        + "of the error budget left over the real window, below 0 when overspent.");
    TextFormat.Family burn = t.family("nines_slo_burn_rate", "gauge", "Burn rate over the "
        + "look-back window.");
    TextFormat.Family alert = t.family("nines_slo_alert_firing", "gauge", "1 when a burn-rate "
        + "alert of the severity fires now, else 0.");
    LiveSlos slos = live.get();
    for (LiveSlos.View v : slos.views()) {
      SloStatus s = v.status();
      String svc = v.spec().service();
      String slo = v.spec().name();
      long[] totals = slos.totalsSinceStart(slo);
      if (v.spec().sli().kind() == SliKind.UPTIME) {
        dev.nines.uptime.UptimeSnapshot u = slos.uptimeSinceStart(slo);
        time.sample(u.upMillis() / 1000.0, "service", svc, "slo", slo, "outcome", "good");
        time.sample(u.downMillis() / 1000.0, "service", svc, "slo", slo, "outcome", "bad");
        time.sample(u.unknownMillis() / 1000.0, "service", svc, "slo", slo, "outcome",
            "unknown");
      } else {
        events.sample(totals[0], "service", svc, "slo", slo, "outcome", "good");
        events.sample(totals[1] - totals[0], "service", svc, "slo", slo, "outcome", "bad");
      }
      sli.sample(s.budget().sliRatio(), "service", svc, "slo", slo);
      left.sample(s.budget().remainingRatio(), "service", svc, "slo", slo);
      Map<String, Double> burns = new LinkedHashMap<>();
      for (BurnCondition c : s.conditions()) {
        burns.put(Durations.format(c.window().longWindow()), c.longBurn());
        if (c.window().shortWindow() != null) {
          burns.put(Durations.format(c.window().shortWindow()), c.shortBurn());
        }
      }
      s.forecasts().forEach(f -> burns.put(Durations.format(f.lookback()), f.burnRate()));
      burns.forEach((w, b) -> burn.sample(b, "service", svc, "slo", slo, "window", w));
      for (Severity sev : Severity.values()) {
        alert.sample(s.alert() == sev ? 1 : 0, "service", svc, "slo", slo, "severity", sev.id());
      }
    }
  }

  private void monitors(TextFormat t) {
    Spec sp = spec.get();
    TextFormat.Family interval = t.family("nines_monitor_interval_seconds", "gauge", "The check "
        + "interval of a monitor.");
    TextFormat.Family state = t.family("nines_monitor_state", "gauge", "1 for the current state "
        + "of a monitor in a region (unknown before its first check), 0 for the others.");
    Map<String, String> serviceOf = new LinkedHashMap<>();
    for (MonitorSpec m : sp.monitors()) {
      serviceOf.put(m.name(), m.service());
      interval.sample(m.interval().toMillis() / 1000.0, "monitor", m.name(), "service",
          m.service());
      Map<String, ProbeRecorder.Latest> latest = probes.latest(m.name());
      for (String region : sp.regionsOf(m)) {
        ProbeRecorder.Latest l = latest.get(region);
        State now = l == null ? State.UNKNOWN : l.observation().state();
        for (State st : State.values()) {
          state.sample(st == now ? 1 : 0, "monitor", m.name(), "service", m.service(), "region",
              region, "state", st.name().toLowerCase(Locale.ROOT));
        }
      }
    }
    TextFormat.Family attempts = t.family("nines_probe_attempts_total", "counter", "Probe "
        + "attempts, retries included, since the process started.");
    TextFormat.Family phases = t.family("nines_probe_phase_seconds", "histogram", PHASE_HELP);
    for (ProbeCounters.Snapshot c : probes.counters().snapshot()) {
      String svc = serviceOf.getOrDefault(c.monitor(), "");
      attempts.sample(c.ok(), "monitor", c.monitor(), "service", svc, "region", c.region(),
          "outcome", "ok");
      attempts.sample(c.error(), "monitor", c.monitor(), "service", svc, "region", c.region(),
          "outcome", "error");
      for (ProbeCounters.Histogram h : c.phases()) {
        long[] cum = h.cumulative();
        for (int b = 0; b < cum.length; b++) {
          String le = b < ProbeCounters.BOUNDS_MILLIS.length
              ? TextFormat.number(ProbeCounters.BOUNDS_MILLIS[b] / 1000.0) : "+Inf";
          phases.sampleOf("nines_probe_phase_seconds_bucket", cum[b], "monitor", c.monitor(),
              "service", svc, "region", c.region(), "phase", h.phase(), "le", le);
        }
        phases.sampleOf("nines_probe_phase_seconds_sum", h.sumSeconds(), "monitor", c.monitor(),
            "service", svc, "region", c.region(), "phase", h.phase());
        phases.sampleOf("nines_probe_phase_seconds_count", cum[cum.length - 1], "monitor",
            c.monitor(), "service", svc, "region", c.region(), "phase", h.phase());
      }
    }
  }

  /** Failures of the server's own prober that would otherwise only show as gaps. */
  private void prober(TextFormat t) {
    if (prober == null) {
      return;
    }
    ProbeStats st = prober.get();
    String region = spec.get().regions().get(0);
    t.family("nines_probe_missed_checks_total", "counter", "Scheduled checks skipped because "
        + "the check before them overran a whole interval.").sample(st.missedChecks(),
        "region", region);
    t.family("nines_probe_watchdog_timeouts_total", "counter", "Checks still running past their "
        + "timeout, ended by the watchdog and recorded as failed.").sample(st.watchdogTimeouts(),
        "region", region);
    t.family("nines_probe_sink_failures_total", "counter", "Probe results that could not be "
        + "recorded (the recorder threw); each one is lost.").sample(st.sinkFailures(),
        "region", region);
  }

  private void process(TextFormat t) {
    t.family("nines_ingest_queued_events", "gauge", "Events waiting to be written.")
        .sample(writer.queuedEvents());
    t.family("nines_ingest_commits_total", "counter", "Store commits of ingested batches.")
        .sample(writer.commits());
    boolean up = store.ping();
    t.family("nines_store_up", "gauge", "1 when the store answers a trivial query.")
        .sample(up ? 1 : 0, "dialect", store.dialect());
    if (up) {
      try {
        long pending = store.outboxPending();
        t.family("nines_outbox_pending_messages", "gauge", "Notifications in the outbox not "
            + "sent yet.").sample(pending);
      } catch (RuntimeException e) {
        // The store went away between the two queries; nines_store_up tells already.
      }
    }
    TextFormat.Family notifications = t.family("nines_notifications_sent_total", "counter",
        "Notification sends since the process started, by channel and outcome: delivered, "
        + "retry (failed, tried again later) or failed (given up).");
    for (SendCounters.Count c : sent.snapshot()) {
      notifications.sample(c.value(), "channel", c.channel(), "outcome", c.outcome());
    }
    t.family("nines_sessions_active", "gauge", "Signed-in console and portal sessions.")
        .sample(sessions.getAsInt());
    jvm(t);
  }

  private static void jvm(TextFormat t) {
    var mem = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = mem.getHeapMemoryUsage();
    MemoryUsage nonHeap = mem.getNonHeapMemoryUsage();
    t.family("nines_jvm_memory_used_bytes", "gauge", "JVM memory in use.")
        .sample(heap.getUsed(), "area", "heap")
        .sample(nonHeap.getUsed(), "area", "nonheap");
    t.family("nines_jvm_memory_max_bytes", "gauge", "Largest JVM heap (-1 when unbounded).")
        .sample(heap.getMax(), "area", "heap");
    t.family("nines_jvm_threads_live", "gauge", "Live JVM platform threads.")
        .sample(ManagementFactory.getThreadMXBean().getThreadCount());
    TextFormat.Family count = t.family("nines_jvm_gc_collections_total", "counter",
        "Garbage collections.");
    TextFormat.Family time = t.family("nines_jvm_gc_collection_seconds_total", "counter",
        "Time spent in garbage collection.");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count.sample(Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
      time.sample(Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
    }
    var runtime = ManagementFactory.getRuntimeMXBean();
    t.family("nines_process_start_time_seconds", "gauge", "When the process started, epoch "
        + "seconds.").sample(runtime.getStartTime() / 1000.0);
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      t.family("nines_process_cpu_seconds_total", "counter", "CPU time used by the process.")
          .sample(os.getProcessCpuTime() / 1e9);
    }
  }
}
