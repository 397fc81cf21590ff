package dev.nines.server;

import dev.nines.ingest.EventRouter;
import dev.nines.ingest.IngestWriter;
import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.PrometheusSli;
import dev.nines.live.AlertLoop;
import dev.nines.live.Incidents;
import dev.nines.live.LiveRebuild;
import dev.nines.live.LiveSlos;
import dev.nines.live.MaintenanceBook;
import dev.nines.live.ProbeRecorder;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Notifications;
import dev.nines.notify.Notifier;
import dev.nines.notify.Outbox;
import dev.nines.probe.ProbeEngine;
import dev.nines.runs.ClientRuns;
import dev.nines.runs.ReportRun;
import dev.nines.runs.StatusNotices;
import dev.nines.runs.UptimeArchive;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecFiles;
import dev.nines.spec.SpecReader;
import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.AgentHandler;
import dev.nines.web.ApiServer;
import dev.nines.web.ApiTokens;
import dev.nines.web.EventsHandler;
import dev.nines.web.MonitorsHandler;
import dev.nines.web.ObservationsHandler;
import dev.nines.web.ReloadModule;
import dev.nines.web.SlosHandler;
import dev.nines.web.console.Console;
import dev.nines.web.console.Operations;
import dev.nines.web.metrics.RequestMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Nines process: the store, live SLO windows, the ingest writer, the Prometheus puller and
 * the HTTP API, wired from a spec. {@link #close()} stops taking requests, writes what was
 * acknowledged... and closes the store: a graceful shutdown.
 */
public final class NinesServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NinesServer.class);

  /**
   * How to run.
   *
   * @param dbUrl a JDBC URL, or null for SQLite under {@code dataDir}
   * @param bootstrapToken a token secret to accept with every scope (e.g. from
   *     NINES_API_TOKEN), or null
   * @param prometheusUrl the Prometheus that SLOs with a Prometheus source are pulled from,
   *     or null
   */
  public record Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
      long maxBodyBytes, long maxQueuedEvents, String bootstrapToken, boolean probes,
      URI prometheusUrl) {

    /** A configuration without probes and without Prometheus. */
    public Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
        long maxBodyBytes, long maxQueuedEvents, String bootstrapToken) {
      this(specFile, dbUrl, dataDir, host, port, maxBodyBytes, maxQueuedEvents, bootstrapToken,
          false, null);
    }

    /** A configuration without Prometheus. */
    public Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
        long maxBodyBytes, long maxQueuedEvents, String bootstrapToken, boolean probes) {
      this(specFile, dbUrl, dataDir, host, port, maxBodyBytes, maxQueuedEvents, bootstrapToken,
          probes, null);
    }

    /** A configuration without the server's own probes. */
    public Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
        long maxBodyBytes, long maxQueuedEvents, String bootstrapToken, URI prometheusUrl) {
      this(specFile, dbUrl, dataDir, host, port, maxBodyBytes, maxQueuedEvents, bootstrapToken,
          false, prometheusUrl);
    }
  }

  private final Store store;
  private final Config config;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicReference<Current> current =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile long specModified;
  /** The text of the spec in force: a file touched or written again unchanged reloads nothing. */
  private volatile String specText;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Opened opened = new Opened();
  private final IngestWriter writer;
  private final ApiServer api;
  private final Console console;
  private final ScheduledExecutorService ticker;
  private final ExecutorService reloader;
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final ProbeRecorder probes;
  private final MaintenanceBook maintenance;
  private final Incidents incidents;
  private final AlertLoop alerts;
  private final ScheduledExecutorService alerting;
  private final ClientRuns clientRuns;
  private volatile Instant lastAlertCycle = Instant.MIN;
  private final Notifications notifications;
  private final ProbeEngine prober;
  private final String region;
  private final Object pullerLock = new Object();
  private volatile PrometheusPuller puller;
  private PrometheusClient pullerClient;
  private volatile boolean closing;
  private volatile LiveRebuild rebuilding;
  private final Object rebuildLock = new Object();
  private final int port;

  /**
   * Everything derived from one version of the spec, swapped whole on a reload.
   *
   * @param external each external monitor with its sources, for the observations API
   */
  private record Current(Spec spec, EventRouter router, LiveSlos live,
      Map<String, List<String>> external) {
    static Current of(Spec spec, LiveSlos live,
        java.util.function.Supplier<dev.nines.maintenance.MaintenanceCalendar> maintenance) {
      Map<String, List<String>> external = new java.util.HashMap<>();
      spec.monitors().stream().filter(m -> !m.kind().probed())
          .forEach(m -> external.put(m.name(), spec.regionsOf(m)));
      return new Current(spec, new EventRouter(spec, maintenance), live, Map.copyOf(external));
    }
  }

  /**
   * Opens the store, starts the writer, the probes, the ticker, the Prometheus puller and the
   * HTTP server, in that order: what fails to start closes everything opened before it.
   */
  private NinesServer(Config config, Spec spec, Clock clock, UnaryOperator<Store> decorate) {
    this.config = config;
    this.clock = clock;
    Store stored = opened.add("store", Stores.open(config.dbUrl(), config.dataDir(), null,
        null));
    try {
      this.store = decorate.apply(stored);
      if (config.bootstrapToken() != null) {
        bootstrap(store, config.bootstrapToken(), clock);
      }
      current.set(Current.of(spec, new LiveSlos(spec, store, clock.instant()),
          this::maintenanceNow));
      recordClients(spec);
      this.writer = opened.add("ingest writer", new IngestWriter(store, clock,
          config.maxQueuedEvents(), this::committed));
      this.region = spec.regions().get(0);
      this.maintenance = new MaintenanceBook(spec, store, clock);
      this.probes = new ProbeRecorder(spec, store, writer, clock, maintenance);
      maintenance.applyHistoryWith(new dev.nines.live.MaintenanceHistory(store, writer, probes,
          clock, Duration.ofDays(rawRetentionDays()), this::rebuildLive));
      opened.add("last probe results", probes::flush);
      this.prober = config.probes()
          ? opened.add("prober", ProbeEngine.start(region, probes)) : null;
      ApiTokens tokens = new ApiTokens(store, clock);
      RequestMetrics requests = new RequestMetrics(() -> current.get().router());
      this.notifications = opened.add("notifications", Notifications.start(store, this::spec,
          clock));
      Notifier notifier = notifications.notifier();
      this.incidents = new Incidents(store, this::spec, notifier, clock, this::baseUrl);
      this.alerts = new AlertLoop(store, this::spec, this::live, probes, maintenance, notifier,
          incidents, clock, this::baseUrl, holder(),
          firing -> notifications.alertmanagers().sync(firing).forEach(f ->
              LOG.warn("telling Alertmanager the firing alerts failed: {}", f)));

      this.console = new Console(this::spec, store, this::live, probes, writer, tokens, clock,
          System.getenv("NINES_ADMIN_PASSWORD"), requests, notifications.counters(),
          new Operations(alerts, incidents, maintenance), maintenance, notifications.outbox(),
          prober == null ? null : prober::stats);
      this.api = new ApiServer(config.host(), config.port(), store, new ApiServer.Handlers(
          new EventsHandler(tokens, () -> current.get().router(), writer, config.maxBodyBytes(),
              clock, requests),
          new ObservationsHandler(tokens, store, () -> current.get().external(),
              accepted -> probes.acceptExternal(accepted), config.maxBodyBytes(), clock),
          new SlosHandler(this::live, this::spec), new MonitorsHandler(this::spec, probes, store),
          new AgentHandler(tokens, this::spec, probes, config.maxBodyBytes(), clock)),
          console, new ReloadModule(() -> {
            reload();
            return Map.of("reloaded", true, "slos", spec().slos().size(),
                "monitors", spec().monitors().size());
          }));
      this.alerting = opened.add("alert evaluation", Daemons.scheduler("nines-alerts"));
      alerting.scheduleWithFixedDelay(this::alertCycleIfDue, 1, 1, TimeUnit.SECONDS);
      this.clientRuns = opened.add("monthly reports and status notices", new ClientRuns(
          new ReportRun(store, this::spec, maintenance, notifier, clock, this::baseUrl,
              holder()), new UptimeArchive(store, this::spec,
          Duration.ofDays(rawRetentionDays())), new StatusNotices(store, this::spec, maintenance,
          notifications.outbox()::enqueueTo, this::baseUrl), clock)
          .start(Duration.ofSeconds(5)));
      this.ticker = opened.add("ticker", Daemons.scheduler("nines-ticker"));
      ticker.scheduleAtFixedRate(new PeriodicUpdate(clock)
          .step("storing probe results", probes::flush)
          .step("moving the SLO windows on", () -> live().tick(clock.instant()))
          .step("reloading a changed spec", this::reloadIfChanged), 1, 1, TimeUnit.SECONDS);
      ticker.scheduleAtFixedRate(() -> prune(clock), 1, 60, TimeUnit.MINUTES);
      if (prober != null) {
        prober.update(spec.monitorsIn(region));
        LOG.info("probing {} monitors from region {}", prober.monitors().size(), region);
      }
      opened.add("Prometheus puller", this::stopPulling);
      synchronized (pullerLock) {
        this.puller = startPuller(config.prometheusUrl(), spec, clock);
      }
      this.reloader = opened.add("reloader", Daemons.executor("nines-reload"));
      this.specModified = modified(config.specFile());
      this.port = api.start();
      opened.add("HTTP server", api);        // opened last, closed first: requests stop first
      console.createFirstAdmin();            // only once the port is ours
    } catch (RuntimeException | Error e) {
      opened.close();
      throw e;
    }
  }

  /** Feeds each commit to the live windows in force, and to a rebuild under way. */
  private void committed(IngestWriter.Commit commit) {
    current.get().live().apply(commit.batches());
    LiveRebuild r = rebuilding;
    if (r != null) {
      r.committed(commit);
    }
  }

  /** The maintenance windows in force (none while the server is still starting). */
  private dev.nines.maintenance.MaintenanceCalendar maintenanceNow() {
    MaintenanceBook m = maintenance;
    return m == null ? dev.nines.maintenance.MaintenanceCalendar.empty() : m.get();
  }

  /** The spec in force. */
  public Spec spec() {
    return current.get().spec();
  }

  /**
   * Reads the spec file again and, when it is valid, puts it in force without a restart:
   * new, changed and removed monitors, SLOs and routing of events. Monitors that did not
   * change keep their state. New live SLO windows are built from the store beside the ones in
   * force while ingestion goes on, then swapped in between two commits with the commits made
   * meanwhile replayed, so nothing is counted twice or lost and ingestion never waits.
   *
   * @throws SpecException with every problem when the file is invalid (nothing changes)
   */
  public synchronized void reload() throws IOException, SpecException {
    reload(false);
  }

  /** Reloads, or with {@code onlyIfChanged} does nothing when the text is the one in force. */
  private synchronized void reload(boolean onlyIfChanged) throws IOException, SpecException {
    long modifiedBefore = modified(config.specFile());
    String text = SpecFiles.read(config.specFile());
    if (onlyIfChanged && text.equals(specText)) {
      specModified = modifiedBefore;
      return;
    }
    Spec spec = SpecReader.read(config.specFile().toString(), text).spec();
    specModified = modifiedBefore;
    specText = text;
    try {
      rebuildLive(spec, next -> Current.of(spec, next, this::maintenanceNow));
      recordClients(spec);
      probes.reconfigure(spec);
      maintenance.reload(spec);             // windows it added or removed in the past: applied
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (prober != null) {
      prober.update(spec.monitorsIn(region));
    }
    synchronized (pullerLock) {
      if (closing) {
        return;
      }
      closePuller();
      puller = startPuller(config.prometheusUrl(), spec, clock);
    }
    LOG.info("spec reloaded: {} SLOs, {} monitors", spec.slos().size(), spec.monitors().size());
  }

  /**
   * Builds new live windows from the store beside the ones in force and swaps them in between
   * two commits, counters carried over; one rebuild at a time.
   */
  private void rebuildLive(Spec spec, java.util.function.Function<LiveSlos, Current> swapIn)
      throws InterruptedException {
    synchronized (rebuildLock) {
      LiveRebuild rebuild = new LiveRebuild();
      rebuilding = rebuild;
      try {
        rebuild.run(spec, store, writer, clock, next -> {
          next.carryTotalsFrom(current.get().live());
          current.set(swapIn.apply(next));
        });
      } finally {
        rebuilding = null;
      }
    }
  }

  /** Rebuilds the live windows of the spec in force: the stored history was rewritten. */
  private void rebuildLive() throws InterruptedException {
    synchronized (rebuildLock) {
      Current now = current.get();
      rebuildLive(now.spec(), next -> new Current(now.spec(), now.router(), next,
          now.external()));
    }
  }

  /** Evaluates alerts and hands them on when the spec's evaluation interval has passed. */
  private void alertCycleIfDue() {
    try {
      Instant now = clock.instant();
      if (Duration.between(lastAlertCycle, now).compareTo(
          spec().alerting().evaluationInterval()) < 0 && !lastAlertCycle.equals(Instant.MIN)) {
        return;
      }
      lastAlertCycle = now;
      AlertLoop.Cycle c = alerts.evaluate();
      if (c.leader()) {
        alerts.deliver();
      }
    } catch (RuntimeException e) {
      LOG.error("alert evaluation failed; trying again next cycle", e);
    }
  }

  /**
   * Where links in notifications point: {@code NINES_PUBLIC_URL} (the address people reach
   * Nines at, behind a proxy), else this server's own address.
   */
  public String baseUrl() {
    String url = System.getenv("NINES_PUBLIC_URL");
    if (url != null && !url.isBlank()) {
      return url.strip().replaceAll("/+$", "");
    }
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port;
  }

  /** Who holds the alerting lease: this host and process, unique among servers sharing a store. */
  private static String holder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid() + ":"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Tells the store the spec's clients, for {@code nines user add --client} without --spec. */
  private void recordClients(Spec spec) {
    try {
      store.recordSpecClients(spec.clients().stream().map(c -> c.name()).toList(),
          clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("cannot record the spec's clients in the store: {}", e.getMessage());
    }
  }

  /** Stops the puller for good: a reload finishing later starts none. */
  private void stopPulling() {
    synchronized (pullerLock) {
      closing = true;
      closePuller();
    }
  }

  private void closePuller() {
    synchronized (pullerLock) {
      if (puller != null) {
        puller.close();
        puller = null;
      }
      if (pullerClient != null) {
        pullerClient.close();
        pullerClient = null;
      }
    }
  }

  /** Starts a reload on its own thread when the file changed: ticks go on meanwhile. */
  private void reloadIfChanged() {
    long now = modified(config.specFile());
    if (now == specModified || !reloading.compareAndSet(false, true)) {
      return;
    }
    try {
      reloader.execute(() -> {
        try {
          reload(true);
        } catch (SpecException e) {
          specModified = now;
          LOG.warn("spec changed but is invalid; keeping the one in force:\n{}", e.getMessage());
        } catch (IOException e) {
          LOG.warn("spec changed but cannot be read: {}", e.getMessage());
        } catch (RuntimeException e) {
          LOG.error("reloading the spec failed; keeping the one in force", e);
        } finally {
          reloading.set(false);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      reloading.set(false);                     // closing
    }
  }

  private static long modified(Path file) {
    try {
      return java.nio.file.Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Reads the spec, opens the store and starts serving. */
  public static NinesServer start(Config config, Clock clock) throws IOException, SpecException {
    return start(config, clock, UnaryOperator.identity());
  }

  /** {@link #start(Config, Clock)} on the store {@code decorate} makes, for fault tests. */
  static NinesServer start(Config config, Clock clock, UnaryOperator<Store> decorate)
      throws IOException, SpecException {
    String text = SpecFiles.read(config.specFile());
    Spec spec = SpecReader.read(config.specFile().toString(), text).spec();
    NinesServer server = new NinesServer(config, spec, clock, decorate);
    server.specText = text;
    return server;
  }

  /** Raw attempts and observations are kept this many days (NINES_RAW_RETENTION_DAYS). */
  static int rawRetentionDays() {
    String v = System.getenv("NINES_RAW_RETENTION_DAYS");
    try {
      return v == null || v.isBlank() ? 30 : Math.max(1, Integer.parseInt(v.strip()));
    } catch (NumberFormatException e) {
      LOG.warn("NINES_RAW_RETENTION_DAYS='{}' is not a number; keeping 30 days", v);
      return 30;
    }
  }

  /** Minute buckets are kept this long; hourly rollups stay. */
  static final java.time.Duration BUCKET_RETENTION = java.time.Duration.ofDays(400);

  private void prune(Clock clock) {
    try {
      java.time.Instant now = clock.instant();
      long n = store.prune(now.minus(java.time.Duration.ofDays(rawRetentionDays())),
          now.minus(BUCKET_RETENTION));
      if (n > 0) {
        LOG.info("retention: deleted {} rows", n);
      }
    } catch (RuntimeException e) {
      LOG.warn("retention pass failed: {}", e.getMessage());
    }
  }

  private static void bootstrap(Store store, String secret, Clock clock) {
    String hash = ApiTokens.hash(secret);
    if (store.useToken(hash, clock.instant()).isEmpty()) {
      store.saveToken(new ApiToken("bootstrap-" + hash.substring(0, 8), hash, Set.of("*"),
          clock.instant()));
      LOG.info("accepting the API token from NINES_API_TOKEN (all scopes)");
    }
  }

  /** Pulls the SLOs with a Prometheus source every minute; null when there is nothing to pull. */
  private PrometheusPuller startPuller(URI url, Spec spec, Clock clock) {
    PrometheusSli.Selection selection = PrometheusSli.select(spec);
    selection.warnings().forEach(LOG::warn);
    if (selection.slis().isEmpty()) {
      return null;
    }
    if (url == null) {
      LOG.warn("SLOs {} read Prometheus, but no Prometheus URL is set (--prometheus or "
          + "NINES_PROMETHEUS_URL): they get no data", selection.names());
      return null;
    }
    PrometheusClient client = new PrometheusClient(url, PrometheusClient.DEFAULT_TIMEOUT);
    pullerClient = client;
    PrometheusPuller p = new PrometheusPuller(client, selection.slis(), writer, clock);
    p.start();
    LOG.info("pulling SLOs {} from Prometheus at {} every minute", selection.names(), url);
    return p;
  }

  public int port() {
    return port;
  }

  public Store store() {
    return store;
  }

  public LiveSlos live() {
    return current.get().live();
  }

  /** The ingest writer, to watch its queue. */
  public IngestWriter writer() {
    return writer;
  }

  /** Latest probe states, for the API. */
  public ProbeRecorder probes() {
    return probes;
  }

  /** The HTTP server, e.g. to list its routes. */
  public ApiServer api() {
    return api;
  }

  /** The console module: users, sessions, pages. */
  public Console console() {
    return console;
  }

  /** The alert evaluation. */
  public AlertLoop alerts() {
    return alerts;
  }

  /** Incidents. */
  public Incidents incidents() {
    return incidents;
  }

  /** The monthly reports, daily uptime and status notices run in the background. */
  public ClientRuns clientRuns() {
    return clientRuns;
  }

  /** The maintenance windows in force. */
  public MaintenanceBook maintenance() {
    return maintenance;
  }

  /** Where notifications are handed in (routed, stored, then sent in the background). */
  public Outbox outbox() {
    return notifications.outbox();
  }

  /** The region the server probes as. */
  public String region() {
    return region;
  }

  /**
   * Stops taking requests, then closes the rest in the reverse order of opening, each waiting
   * for its threads: the reloader, the puller, the ticker, the prober; hands the last probe
   * results to the writer, writes what was acknowledged and closes the store.
   */
  @Override public void close() {
    if (!stopped.compareAndSet(false, true)) {
      opened.close();
      return;
    }
    long queued = writer.queuedEvents();
    long commits = writer.commits();
    if (prober != null) {
      dev.nines.probe.ProbeStats st = prober.stats();
      LOG.info("probes from {}: {} monitors, {} attempts, {} slots missed, {} checks ended by "
          + "the watchdog", region, st.monitors(), st.attempts(), st.missedChecks(),
          st.watchdogTimeouts());
    }
    opened.close();
    long left = writer.queuedEvents();
    LOG.info("stopped: wrote {} of the {} events queued at stop ({} batches){}, stored the last "
        + "probe results and closed the store", queued - left, queued, writer.commits() - commits,
        left > 0 ? "; " + left + " were not written" : "");
  }
}
