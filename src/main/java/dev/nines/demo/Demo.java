package dev.nines.demo;

import dev.nines.demo.platform.Http;
import dev.nines.demo.platform.Platform;
import dev.nines.model.Spec;
import dev.nines.server.NinesServer;
import dev.nines.spec.SpecReader;
import dev.nines.web.auth.Passwords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A running {@code nines demo}: the simulated platform, the Nines server on its rendered spec,
 * the probe regions (the server, and agents behind their {@link RegionLink}s), seller traffic,
 * the fault schedule, the notification receiver and the control endpoint. {@link #close()}
 * stops all of it, leaving nothing listening and no child process.
 */
public final class Demo implements AutoCloseable {
  /** The client user the demo makes for the portal. */
  public static final String CLIENT_USER = "dana";

  /**
   * What a started demo offers, for the banner.
   *
   * @param outputs what the output steps wrote
   */
  public record Info(URI nines, URI control, Path specFile, String adminPassword,
      String clientPassword, List<Path> outputs, Platform.Ports ports, List<String> regions,
      List<String> notes) {}

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Clock clock;
  private final Consumer<String> log;
  private final long startNanos = System.nanoTime();
  private final Instant startedAt;
  private final DemoOptions options;
  private final DemoTime time;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, RegionLink> links = new LinkedHashMap<>();
  private final List<AgentProcess> agents = new ArrayList<>();
  private Faults faults;
  private Platform platform;
  private NinesServer server;
  private SellerTraffic traffic;
  private ControlServer control;
  private NotificationReceiver receiver;
  private Info info;
  private volatile Double firstDataSeconds;

  private Demo(DemoOptions options, Clock clock, Consumer<String> log) {
    this.options = options;
    this.clock = clock;
    this.log = log;
    this.startedAt = clock.instant();
    this.time = new DemoTime(startedAt, options.speed());
  }

  /**
   * Starts a demo; on failure everything started so far is stopped again.
   *
   * @param outputs written in order after the history, with the store open
   * @param log takes progress and fault lines for the console
   */
  public static Demo start(DemoOptions options, List<OutputStep> outputs, DemoHistory history,
      Clock clock, Consumer<String> log) throws Exception {
    Demo d = new Demo(options, clock, log);
    try {
      d.run(outputs, history);
      return d;
    } catch (Exception | Error e) {
      d.close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T own(T part) {
    started.push(part);
    return part;
  }

  /** The start, in order: platform, spec, store, server, probe regions, live parts. */
  private void run(List<OutputStep> outputs, DemoHistory history) throws Exception {
    Path out = options.out().toAbsolutePath();
    Files.createDirectories(out);
    own(FolderLock.take(out, options.out()));
    if (options.port() != 0) {
      requireFree(options.port());            // fail in a second, not after the whole start
    }
    String token = options.apiToken() != null ? options.apiToken() : secret();
    String adminPassword = options.adminPassword() != null ? options.adminPassword()
        : Passwords.generate();
    String clientPassword = Passwords.generate();
    SSLContext certificate = startPlatform(out);
    List<String> regions = regions();
    Path specFile = writeSpec(out, regions);
    Spec spec = SpecReader.read(specFile).spec();
    List<Path> written = DemoStore.prepare(options, new OutputStep.Context(specFile, spec, out,
        null), outputs, history, adminPassword, clientPassword, clock);
    URI nines = startServer(specFile, token);
    if (options.agents()) {
      startAgents(out, token);
    }
    wireFaults(out, certificate);
    startLive(out);
    info = new Info(nines, control.uri(), specFile, adminPassword, clientPassword,
        List.copyOf(written), platform.ports(), regions, List.copyOf(notes));
  }

  /** The receiver, the faults and the platform; returns the CDN's certificate. */
  private SSLContext startPlatform(Path out) throws IOException {
    SSLContext certificate = Certificates.make(out.resolve("tls/cdn.p12"), 1, 90);
    receiver = own(new NotificationReceiver(clock));
    ExecutorService actions = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().name("demo-fault-actions").daemon(true).factory());
    own(actions::shutdownNow);
    faults = new Faults(clock, time, actions, log);
    platform = own(Platform.start(faults, certificate, clock));
    return certificate;
  }

  /** The Nines server on the rendered spec, and the hops' events on their way to it. */
  private URI startServer(Path specFile, String token) throws Exception {
    server = own(NinesServer.start(new NinesServer.Config(specFile, options.dbUrl(),
        options.dataDir(), "127.0.0.1", options.port(), 16L << 20, 2_000_000, token, true, null),
        clock));
    URI nines = URI.create("http://127.0.0.1:" + server.port());
    platform.connect(nines, token);
    // Closed just before the server: what the hops still hold reaches it.
    own(() -> platform.flushEvents(Duration.ofSeconds(3)));
    return nines;
  }

  /** Seller traffic, the fault schedule and the control endpoint. */
  private void startLive(Path out) throws IOException {
    traffic = own(new SellerTraffic(platform.cdn(), TrafficShape.DEFAULT, time, clock,
        new SplittableRandom()));
    traffic.start();
    FaultPlayer player = own(new FaultPlayer(faults, options.schedule() ? FaultSchedule.DEFAULT
        : null, time, clock));
    player.start();
    control = own(new ControlServer(faults, time, this::status, receiver));
    Path controlUrl = out.resolve("control-url");
    Files.writeString(controlUrl, control.uri() + "\n", StandardCharsets.UTF_8);
    own(() -> Files.deleteIfExists(controlUrl));
    watchFirstData();
  }

  /** @throws java.net.BindException when something listens on 127.0.0.1:{@code port} */
  private static void requireFree(int port) throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new InetSocketAddress(Http.loopback(), port));
    }
  }

  private List<String> regions() {
    List<String> regions = new ArrayList<>(List.of(DemoSpec.SERVER_REGION));
    if (options.agents()) {
      regions.addAll(DemoSpec.AGENT_REGIONS);
    }
    return regions;
  }

  private Path writeSpec(Path out, List<String> regions) throws IOException {
    Path secrets = Files.createDirectories(out.resolve("secrets"));
    Path oncall = secrets.resolve("oncall-webhook-url");
    Path client = secrets.resolve("client-notices-webhook-url");
    Files.writeString(oncall, receiver.url("oncall") + "\n", StandardCharsets.UTF_8);
    Files.writeString(client, receiver.url("client-notices") + "\n", StandardCharsets.UTF_8);
    Platform.Ports p = platform.ports();
    Path alertmanager = null;
    if (options.alertmanager() != null) {
      alertmanager = secrets.resolve("alertmanager-url");
      Files.writeString(alertmanager, options.alertmanager() + "\n", StandardCharsets.UTF_8);
    }
    DemoSpec.Smtp smtp = options.smtp() == null ? null
        : DemoSpec.Smtp.parse(options.smtp()).withPasswordIn(secrets.resolve("smtp-password"));
    String text = DemoSpec.render(new DemoSpec.Values(URI.create("http://localhost:" + p.cdn()),
        "localhost:" + p.cdnTls(), regions, time, oncall, client, alertmanager, smtp));
    Path file = out.resolve("nines-demo.yaml");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private void startAgents(Path out, String token) throws IOException {
    List<Integer> mirrored = List.of(server.port(), platform.ports().cdn(),
        platform.ports().cdnTls());
    int octet = 2;
    for (String region : DemoSpec.AGENT_REGIONS) {
      InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) octet++});
      InetAddress localhost = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
      if (RegionLink.available(address)) {
        try {
          RegionLink link = own(RegionLink.open(region, address, mirrored));
          links.put(region, link);
          localhost = address;
        } catch (IOException e) {
          notes.add(e.getMessage() + "; its agent reaches 127.0.0.1 directly");
        }
      } else {
        notes.add(region + ": loopback address " + address.getHostAddress() + " cannot be bound "
            + "here (on macOS: sudo ifconfig lo0 alias " + address.getHostAddress()
            + "); its agent reaches 127.0.0.1 directly and cannot lose its network");
      }
      Path dir = out.resolve("agents").resolve(region);
      agents.add(own(AgentProcess.start(region, URI.create("http://localhost:" + server.port()),
          token, localhost, dir, out.resolve("logs").resolve("agent-" + region + ".log"))));
    }
  }

  private void wireFaults(Path out, SSLContext normal) {
    faults.onFault(Fault.APP_DOWN, new Faults.Action() {
      @Override public void start(String target) {
        platform.takeAppDown();
      }

      @Override public void end(String target) throws IOException {
        platform.bringAppUp();
      }
    });
    if (links.isEmpty()) {
      faults.unavailable(Fault.REGION_NETWORK, options.agents()
          ? "no agent region has a network link of its own here" : "no agent regions "
          + "(--no-agents)");
    } else {
      faults.targets(Fault.REGION_NETWORK, List.copyOf(links.keySet()));
      faults.onFault(Fault.REGION_NETWORK, new Faults.Action() {
        @Override public void start(String region) {
          links.get(region).cut();
        }

        @Override public void end(String region) {
          links.get(region).restore();
        }
      });
    }
    faults.onFault(Fault.CERT_EXPIRY, new Faults.Action() {
      private SSLContext expiring;

      @Override public void start(String target) throws IOException {
        if (expiring == null) {
          expiring = Certificates.make(out.resolve("tls/cdn-expiring.p12"), 85, 90);
        }
        platform.useCertificate(expiring);
      }

      @Override public void end(String target) {
        platform.useCertificate(normal);
      }
    });
  }

  private void watchFirstData() {
    Thread t = Thread.ofPlatform().name("demo-first-data").daemon(true).start(() -> {
      while (!closed.get()) {
        if (server.live().views().stream().anyMatch(v -> v.status().window().valid() > 0)) {
          firstDataSeconds = (System.nanoTime() - startNanos) / 1e9;
          log.accept(String.format(java.util.Locale.ROOT,
              "first data on the console %.1f s after the demo started", firstDataSeconds));
          return;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    own(t::interrupt);
  }

  /** What the demo started, for the banner. */
  public Info info() {
    return info;
  }

  /** Seconds from the start to the first SLO with data, or null before. */
  public Double firstDataSeconds() {
    return firstDataSeconds;
  }

  /** The state of everything, as {@code GET /demo} shows it. */
  public Map<String, Object> status() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("started", startedAt.toString());
    o.put("speed", options.speed());
    o.put("nines", info == null ? null : info.nines().toString());
    o.put("spec", info == null ? null : info.specFile().toString());
    o.put("firstDataSeconds", firstDataSeconds);
    o.put("platform", platformStatus());
    o.put("regions", regionsStatus());
    Map<String, Object> events = new LinkedHashMap<>();
    platform.reporters().forEach((hop, r) -> events.put(hop, Map.of("delivered", r.delivered(),
        "waiting", r.waiting(), "dropped", r.dropped(), "retries", r.retries())));
    o.put("events", events);
    o.put("traffic", traffic == null ? Map.of() : traffic.counts());
    o.put("listening", listening().stream().map(a -> a.getAddress().getHostAddress() + ":"
        + a.getPort()).toList());
    return o;
  }

  private Map<String, Object> platformStatus() {
    Platform.Ports p = platform.ports();
    Map<String, Object> parts = new LinkedHashMap<>();
    parts.put("cdn", "http://127.0.0.1:" + p.cdn());
    parts.put("cdnHttps", "https://localhost:" + p.cdnTls());
    parts.put("loadBalancer", "http://127.0.0.1:" + p.loadBalancer());
    parts.put("ingress", "http://127.0.0.1:" + p.ingress());
    parts.put("app", "http://127.0.0.1:" + p.app());
    parts.put("appUp", platform.appUp());
    parts.put("shop", "http://127.0.0.1:" + p.shop());
    return parts;
  }

  private List<Map<String, Object>> regionsStatus() {
    List<Map<String, Object>> regions = new ArrayList<>();
    regions.add(Map.of("region", DemoSpec.SERVER_REGION, "probes", "the Nines server"));
    for (AgentProcess a : agents) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("region", a.region());
      r.put("probes", "nines agent");
      r.put("pid", a.pid());
      r.put("alive", a.alive());
      RegionLink link = links.get(a.region());
      r.put("address", link == null ? "127.0.0.1" : link.address().getHostAddress());
      r.put("networkCut", link != null && link.isCut());
      r.put("log", a.log().toString());
      regions.add(r);
    }
    return regions;
  }

  /** Every address the demo listens on (the app's even while it is down). */
  public List<InetSocketAddress> listening() {
    List<InetSocketAddress> out = new ArrayList<>();
    InetAddress lo = Http.loopback();
    if (server != null) {
      out.add(new InetSocketAddress(lo, server.port()));
    }
    if (control != null) {
      out.add(new InetSocketAddress(lo, control.port()));
    }
    if (receiver != null) {
      out.add(new InetSocketAddress(lo, receiver.port()));
    }
    if (platform != null) {
      Platform.Ports p = platform.ports();
      for (int port : List.of(p.shop(), p.app(), p.ingress(), p.loadBalancer(), p.cdn(),
          p.cdnTls())) {
        out.add(new InetSocketAddress(lo, port));
      }
    }
    links.values().forEach(l -> out.addAll(l.listening()));
    return out;
  }

  /** The pids of the agent processes. */
  public List<Long> agentPids() {
    return agents.stream().map(AgentProcess::pid).toList();
  }

  private static String secret() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Stops everything it started, newest first (agents before the server, the server before
   * the platform), once. */
  @Override public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        log.accept("stopping: " + e);
      }
    }
  }
}
