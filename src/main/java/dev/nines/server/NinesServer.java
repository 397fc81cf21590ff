package dev.nines.server;

import dev.nines.ingest.EventRouter;
import dev.nines.ingest.IngestWriter;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.probe.ProbeEngine;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.web.ApiServer;
import dev.nines.web.ApiTokens;
import dev.nines.web.EventsHandler;
import dev.nines.web.MonitorsHandler;
import dev.nines.web.ObservationsHandler;
import dev.nines.web.SlosHandler;
import dev.nines.web.console.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Nines process: the store, live SLO windows, the ingest writer and the HTTP API, wired
 * from a spec. {@link #close()} stops taking requests, writes what was acknowledged... and
 * closes the store: a graceful shutdown.
 */
public final class NinesServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NinesServer.class);

  /**
   * How to run.
   *
   * @param dbUrl a JDBC URL, or null for SQLite under {@code dataDir}
   * @param bootstrapToken a token secret to accept with every scope (e.g. from
   *     NINES_API_TOKEN), or null
   */
  public record Config(Path specFile, String dbUrl, Path dataDir, String host, int port,
      long maxBodyBytes, long maxQueuedEvents, String bootstrapToken, boolean probes) {

    /** The same settings with the server's own probes switched on or off. */
    public Config withProbes(boolean on) {
      return new Config(specFile, dbUrl, dataDir, host, port, maxBodyBytes, maxQueuedEvents,
          bootstrapToken, on);
    }
  }

  private final Store store;
  private final LiveSlos live;
  private final IngestWriter writer;
  private final ApiServer api;
  private final Console console;
  private final ScheduledExecutorService ticker;
  private final ProbeRecorder probes;
  private final ProbeEngine prober;
  private final String region;
  private final int port;

  private NinesServer(Config config, Spec spec, Clock clock) {
    this.store = Stores.open(config.dbUrl(), config.dataDir(), null, null);
    try {
      if (config.bootstrapToken() != null) {
        bootstrap(store, config.bootstrapToken(), clock);
      }
      this.live = new LiveSlos(spec, store, clock.instant());
      this.writer = new IngestWriter(store, config.maxQueuedEvents(), live::apply);
      this.region = spec.regions().get(0);
      this.probes = new ProbeRecorder(spec, store, writer, clock);
      EventRouter router = new EventRouter(spec);
      Set<String> subjects = new HashSet<>();
      spec.services().forEach(s -> subjects.add(s.name()));
      spec.monitors().forEach(m -> subjects.add(m.name()));
      ApiTokens tokens = new ApiTokens(store, clock);
      this.console = new Console(spec, store, live, probes, writer, tokens, clock,
          System.getenv("NINES_ADMIN_PASSWORD"));
      this.api = new ApiServer(config.host(), config.port(), store, new ApiServer.Handlers(
          new EventsHandler(tokens, () -> router, writer, config.maxBodyBytes(), clock),
          new ObservationsHandler(tokens, store, () -> subjects, config.maxBodyBytes()),
          new SlosHandler(() -> live, () -> spec), new MonitorsHandler(() -> spec, probes, store)),
          console);
      this.port = api.start();
      this.ticker = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("nines-ticker").daemon(true).factory());
      ticker.scheduleAtFixedRate(() -> {
        try {
          probes.flush();
          live.tick(clock.instant());
        } catch (RuntimeException e) {
          LOG.error("periodic update failed", e);
        }
      }, 1, 1, TimeUnit.SECONDS);
      this.prober = config.probes() ? ProbeEngine.start(region, probes) : null;
      if (prober != null) {
        prober.update(monitorsOf(spec, region));
        LOG.info("probing {} monitors from region {}", prober.monitors().size(), region);
      }
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

  /** The monitors that run in {@code region}: those listing it, and those listing none. */
  static List<MonitorSpec> monitorsOf(Spec spec, String region) {
    return spec.monitors().stream()
        .filter(m -> m.regions().isEmpty() || m.regions().contains(region)).toList();
  }

  private static void bootstrap(Store store, String secret, Clock clock) {
    String hash = ApiTokens.hash(secret);
    if (store.useToken(hash, clock.instant()).isEmpty()) {
      store.saveToken(new ApiToken("bootstrap-" + hash.substring(0, 8), hash, Set.of("*"),
          clock.instant()));
      LOG.info("accepting the API token from NINES_API_TOKEN (all scopes)");
    }
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
    if (prober != null) {
      prober.close();
    }
    ticker.shutdownNow();
    probes.flush();
    api.close();
    writer.close();
    store.close();
  }
}
