package dev.nines.server;

import dev.nines.ingest.EventRouter;
import dev.nines.ingest.IngestWriter;
import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.PrometheusSli;
import dev.nines.model.Spec;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.ApiServer;
import dev.nines.web.ApiTokens;
import dev.nines.web.EventsHandler;
import dev.nines.web.ObservationsHandler;
import dev.nines.web.SlosHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
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
      long maxBodyBytes, long maxQueuedEvents, String bootstrapToken, URI prometheusUrl) {

    /** A configuration without Prometheus. */
    public Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
        long maxBodyBytes, long maxQueuedEvents, String bootstrapToken) {
      this(specFile, dbUrl, dataDir, host, port, maxBodyBytes, maxQueuedEvents, bootstrapToken,
          null);
    }
  }

  private final Store store;
  private final LiveSlos live;
  private final IngestWriter writer;
  private final ApiServer api;
  private final ScheduledExecutorService ticker;
  private final PrometheusPuller puller;
  private final int port;

  private NinesServer(Config config, Spec spec, Clock clock) {
    this.store = Stores.open(config.dbUrl(), config.dataDir(), null, null);
    try {
      if (config.bootstrapToken() != null) {
        bootstrap(store, config.bootstrapToken(), clock);
      }
      this.live = new LiveSlos(spec, store, clock.instant());
      this.writer = new IngestWriter(store, config.maxQueuedEvents(), live::apply);
      EventRouter router = new EventRouter(spec);
      Set<String> subjects = new HashSet<>();
      spec.services().forEach(s -> subjects.add(s.name()));
      spec.monitors().forEach(m -> subjects.add(m.name()));
      ApiTokens tokens = new ApiTokens(store, clock);
      this.api = new ApiServer(config.host(), config.port(), store, new ApiServer.Handlers(
          new EventsHandler(tokens, () -> router, writer, config.maxBodyBytes(), clock),
          new ObservationsHandler(tokens, store, () -> subjects, config.maxBodyBytes()),
          new SlosHandler(() -> live)));
      this.port = api.start();
      this.ticker = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("nines-ticker").daemon(true).factory());
      ticker.scheduleAtFixedRate(() -> live.tick(clock.instant()), 1, 1, TimeUnit.SECONDS);
      this.puller = startPuller(config.prometheusUrl(), spec, clock);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Reads the spec, opens the store and starts serving. */
  public static NinesServer start(Config config, Clock clock) throws IOException, SpecException {
    Spec spec = SpecReader.read(config.specFile()).spec();
    return new NinesServer(config, spec, clock);
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
    return live;
  }

  /** The ingest writer, to watch its queue. */
  public IngestWriter writer() {
    return writer;
  }

  @Override public void close() {
    if (puller != null) {
      puller.close();
    }
    ticker.shutdownNow();
    api.close();
    writer.close();
    store.close();
  }
}
