package dev.nines.demo.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The whole simulated platform on loopback: the shop, the app with its courier partner, and
 * the request path CDN (HTTP and HTTPS) -> load balancer -> L7 proxy -> app. Each hop and the
 * app report their own request events through an {@link EventReporter} of their own, once
 * {@link #connect} names the Nines server.
 */
public final class Platform implements AutoCloseable {
  /** The Nines service the platform's events belong to. */
  public static final String SERVICE = "platform";

  /** The loopback ports of the parts. */
  public record Ports(int shop, int app, int ingress, int loadBalancer, int cdn, int cdnTls) {}

  private final HttpClient http;
  private final HttpClient reporting;
  private final Map<String, EventReporter> reporters = new LinkedHashMap<>();
  private final List<AutoCloseable> parts = new ArrayList<>();
  private final Shop shop;
  private final CourierGateway courier;
  private final App app;
  private final Hop ingress;
  private final Hop loadBalancer;
  private final Hop cdn;
  private final TlsFront tls;

  private Platform(Conditions conditions, SSLContext certificate, Clock clock) throws IOException {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    reporting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    shop = own(new Shop(conditions));
    courier = own(new CourierGateway(conditions, clock, http));
    app = own(new App(shop.uri(), courier, reporter("app"), http, clock));
    courier.start(app.uri().resolve("/courier/updates"));
    ingress = own(new Hop("ingress", "ingress", app.uri(), Duration.ofSeconds(10), null,
        reporter("ingress"), http, clock));
    loadBalancer = own(new Hop("load-balancer", "load-balancer", ingress.uri(),
        Duration.ofSeconds(12), null, reporter("load-balancer"), http, clock));
    cdn = own(new Hop("cdn", "cdn", loadBalancer.uri(), Duration.ofSeconds(15),
        new CdnCache(clock), reporter("cdn"), http, clock));
    tls = own(new TlsFront(certificate, cdn.port()));
  }

  /**
   * Starts every part on free loopback ports.
   *
   * @param certificate the TLS context of the CDN's HTTPS listener
   */
  public static Platform start(Conditions conditions, SSLContext certificate, Clock clock)
      throws IOException {
    return new Platform(conditions, certificate, clock);
  }

  private <T extends AutoCloseable> T own(T part) {
    parts.add(0, part);                       // closed in reverse order of start
    return part;
  }

  private EventReporter reporter(String name) {
    EventReporter r = new EventReporter(name, SERVICE, reporting, Duration.ofSeconds(1));
    reporters.put(name, r);
    return r;
  }

  /** Starts shipping every hop's events to Nines at {@code server} with {@code token}. */
  public void connect(URI server, String token) {
    reporters.values().forEach(r -> r.connect(server, token));
  }

  public Ports ports() {
    return new Ports(shop.uri().getPort(), app.uri().getPort(), ingress.port(),
        loadBalancer.port(), cdn.port(), tls.port());
  }

  /** The CDN, where sellers and probes come in. */
  public URI cdn() {
    return cdn.uri();
  }

  /** Takes the app down (its port refuses connections). */
  public void takeAppDown() {
    app.stop();
  }

  /** Brings the app back on its port. */
  public void bringAppUp() throws IOException {
    app.start();
  }

  public boolean appUp() {
    return app.up();
  }

  /** Serves new HTTPS connections of the CDN with {@code certificate}. */
  public void useCertificate(SSLContext certificate) {
    tls.use(certificate);
  }

  /** Each hop's event reporter by hop name (cdn, load-balancer, ingress, app). */
  public Map<String, EventReporter> reporters() {
    return Map.copyOf(reporters);
  }

  /** Sends what every hop has queued, for at most {@code timeout} in all. */
  public void flushEvents(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (EventReporter r : reporters.values()) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        r.flush(Duration.ofNanos(left));
      }
    }
  }

  @Override public void close() {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        // Closing the rest matters more than one part's complaint.
      }
    }
    reporters.values().forEach(EventReporter::close);
    http.close();
    reporting.close();
  }
}
