package dev.nines.server;

import dev.nines.live.LiveSlos;
import dev.nines.live.ProbeRecorder;
import dev.nines.ingest.EventRouter;
import dev.nines.ingest.IngestWriter;
import dev.nines.model.MonitorSpec;
import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.PrometheusSli;
import dev.nines.model.Spec;
import dev.nines.probe.ProbeEngine;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.AgentHandler;
import dev.nines.web.ApiServer;
import dev.nines.web.ReloadModule;
import dev.nines.web.metrics.RequestMetrics;
import dev.nines.web.ApiTokens;
import dev.nines.web.EventsHandler;
import dev.nines.web.MonitorsHandler;
import dev.nines.web.ObservationsHandler;
import dev.nines.web.SlosHandler;
import dev.nines.web.console.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
  private final IngestWriter writer;
  private final ApiServer api;
  private final Console console;
  private final ScheduledExecutorService ticker;
  private final ProbeRecorder probes;
  private final ProbeEngine prober;
  private final String region;
  private volatile PrometheusPuller puller;
  private final int port;

  /**
   * Everything derived from one version of the spec, swapped whole on a reload.
   *
   * @param external each external monitor with its sources, for the observations API
   */
  private record Current(Spec spec, EventRouter router, LiveSlos live,
      Map<String, List<String>> external) {
    static Current of(Spec spec, Store store, Clock clock) {
      Map<String, List<String>> external = new java.util.HashMap<>();
      spec.monitors().stream().filter(m -> !m.kind().probed())
          .forEach(m -> external.put(m.name(), spec.regionsOf(m)));
      return new Current(spec, new EventRouter(spec), new LiveSlos(spec, store, clock.instant()),
          Map.copyOf(external));
    }
  }

  private NinesServer(Config config, Spec spec, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.store = Stores.open(config.dbUrl(), config.dataDir(), null, null);
    try {
      if (config.bootstrapToken() != null) {
        bootstrap(store, config.bootstrapToken(), clock);
      }
      current.set(Current.of(spec, store, clock));
      this.writer = new IngestWriter(store, config.maxQueuedEvents(),
          batches -> current.get().live().apply(batches));
      this.region = spec.regions().get(0);
      this.probes = new ProbeRecorder(spec, store, writer, clock);
      ApiTokens tokens = new ApiTokens(store, clock);
      RequestMetrics requests = new RequestMetrics();
      requests.bounds(current.get().router());
      this.console = new Console(this::spec, store, this::live, probes, writer, tokens, clock,
          System.getenv("NINES_ADMIN_PASSWORD"), requests);
      this.api = new ApiServer(config.host(), config.port(), store, new ApiServer.Handlers(
          new EventsHandler(tokens, () -> current.get().router(), writer, config.maxBodyBytes(),
              clock, requests),
          new ObservationsHandler(tokens, store, () -> current.get().external(),
              stored -> probes.acceptExternal(stored), config.maxBodyBytes()),
          new SlosHandler(this::live, this::spec), new MonitorsHandler(this::spec, probes, store),
          new AgentHandler(tokens, this::spec, probes, config.maxBodyBytes())),
          console, new ReloadModule(() -> {
            reload();
            return Map.of("reloaded", true, "slos", spec().slos().size(),
                "monitors", spec().monitors().size());
          }));
      this.port = api.start();
      this.ticker = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("nines-ticker").daemon(true).factory());
      ticker.scheduleAtFixedRate(() -> {
        try {
          probes.flush();
          live().tick(clock.instant());
          reloadIfChanged();
        } catch (RuntimeException e) {
          LOG.error("periodic update failed", e);
        }
      }, 1, 1, TimeUnit.SECONDS);
      ticker.scheduleAtFixedRate(() -> prune(clock), 1, 60, TimeUnit.MINUTES);
      this.prober = config.probes() ? ProbeEngine.start(region, probes) : null;
      if (prober != null) {
        prober.update(spec.monitorsIn(region));
        LOG.info("probing {} monitors from region {}", prober.monitors().size(), region);
      }
      this.puller = startPuller(config.prometheusUrl(), spec, clock);
      this.specModified = modified(config.specFile());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The spec in force. */
  public Spec spec() {
    return current.get().spec();
  }

  /**
   * Reads the spec file again and, when it is valid, puts it in force without a restart:
   * new, changed and removed monitors, SLOs and routing of events. Monitors that did not
   * change keep their state; live SLO windows are rebuilt from the store between two commits,
   * so nothing is counted twice or lost.
   *
   * @throws SpecException with every problem when the file is invalid (nothing changes)
   */
  public synchronized void reload() throws IOException, SpecException {
    Spec spec = SpecReader.read(config.specFile()).spec();
    specModified = modified(config.specFile());
    try {
      writer.runBetweenCommits(() -> current.set(Current.of(spec, store, clock)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    probes.reconfigure(spec);
    if (prober != null) {
      prober.update(spec.monitorsIn(region));
    }
    if (puller != null) {
      puller.close();
    }
    puller = startPuller(config.prometheusUrl(), spec, clock);
    LOG.info("spec reloaded: {} SLOs, {} monitors", spec.slos().size(), spec.monitors().size());
  }

  private void reloadIfChanged() {
    long now = modified(config.specFile());
    if (now == specModified) {
      return;
    }
    try {
      reload();
    } catch (SpecException e) {
      specModified = now;
      LOG.warn("spec changed but is invalid; keeping the one in force:\n{}", e.getMessage());
    } catch (IOException e) {
      LOG.warn("spec changed but cannot be read: {}", e.getMessage());
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
    Spec spec = SpecReader.read(config.specFile()).spec();
    return new NinesServer(config, spec, clock);
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

  /** The region the server probes as. */
  public String region() {
    return region;
  }

  @Override public void close() {
    if (puller != null) {
      puller.close();
    }
    if (prober != null) {
      dev.nines.probe.ProbeStats st = prober.stats();
      LOG.info("probes from {}: {} monitors, {} attempts, {} slots missed, {} checks ended by "
          + "the watchdog", region, st.monitors(), st.attempts(), st.missedChecks(),
          st.watchdogTimeouts());
      prober.close();
    }
    ticker.shutdownNow();
    probes.flush();
    api.close();
    writer.close();
    store.close();
  }
}
